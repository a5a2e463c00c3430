import { z } from "zod";
import type { AutomationAction, AutomationEvent } from "../../db/schema/automations.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import { AUTOMATION_EVENTS } from "./events.ts";
import { unknownFields } from "./template.ts";

/** What each action needs, as stored in `automation_rules.settings` (the secret sealed). */
export type ActionSettings =
  | { action: "email"; to: "customer" | "fixed"; address: string | null; subject: string; body: string }
  | { action: "slack"; url: string; text: string }
  | { action: "webhook"; url: string };

export interface RuleInput {
  name: string;
  enabled: boolean;
  event: AutomationEvent;
  connectionId: string | null;
  pipelineId: string | null;
  amountMin: string | null;
  amountMax: string | null;
  settings: ActionSettings;
}

/** A refusal: the i18n key of the reason (automations.bad.*) and the field it is about. */
export interface RuleProblem {
  field: string;
  reason: string;
  detail?: string;
}

// Every message is an i18n key; the route translates it.
const text = (max: number) => z.string().trim().max(max, "automations.bad.tooLong");
const amount = z
  .string()
  .trim()
  .regex(/^(\d{1,15}(\.\d{1,2})?)?$/, "automations.bad.amount");
/** Outbound URLs: http(s) with a host and no credentials (they would end up in logs). */
const outboundUrl = z
  .string()
  .trim()
  .max(2000, "automations.bad.tooLong")
  .refine((v) => {
    if (!URL.canParse(v)) return false;
    const u = new URL(v);
    return /^https?:$/.test(u.protocol) && u.hostname !== "" && !u.username && !u.password;
  }, "automations.bad.url");

const formSchema = z.object({
  name: text(100).min(1, "automations.bad.required"),
  enabled: z.enum(["on", ""], "automations.bad.choice").default(""),
  event: z.enum(AUTOMATION_EVENTS as [AutomationEvent, ...AutomationEvent[]], "automations.bad.event"),
  action: z.enum(["email", "slack", "webhook"], "automations.bad.action"),
  connectionId: text(100).default(""),
  pipelineId: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9_-]{1,64})?$/, "automations.bad.pipeline")
    .default(""),
  amountMin: amount.default(""),
  amountMax: amount.default(""),
  emailTo: z.enum(["customer", "fixed"], "automations.bad.emailTo").default("customer"),
  emailAddress: text(254).default(""),
  emailSubject: text(200).default(""),
  emailBody: text(5000).default(""),
  slackUrl: z.string().default(""),
  slackText: text(2000).default(""),
  webhookUrl: z.string().default(""),
});
type Form = z.infer<typeof formSchema>;

/**
 * Checks a submitted rule form: every field, the amount range, the action's settings and its
 * templates. `companies` are the portal's QBO connections, `pipelines` its HubSpot deal pipelines
 * (when HubSpot answered); `smtp` says whether e-mail can be sent.
 */
export function parseRuleForm(
  input: Record<string, unknown>,
  ctx: { companies: string[]; smtp: boolean; pipelines?: string[] },
): Result<RuleInput, RuleProblem> {
  const parsed = formSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ field: String(issue.path[0] ?? ""), reason: issue.message });
  }
  const f = parsed.data;
  if (f.connectionId && !ctx.companies.includes(f.connectionId))
    return err({ field: "connectionId", reason: "automations.bad.company" });
  // Checked against HubSpot's list when it could be read; otherwise delivery says why it skipped.
  if (f.pipelineId && ctx.pipelines && !ctx.pipelines.includes(f.pipelineId))
    return err({ field: "pipelineId", reason: "automations.bad.pipelineUnknown" });
  if (f.amountMin && f.amountMax && Number(f.amountMin) > Number(f.amountMax))
    return err({ field: "amountMax", reason: "automations.bad.range" });
  const settings = settingsOf(f, ctx.smtp);
  if (!settings.ok) return settings;
  return ok({
    name: f.name,
    enabled: f.enabled === "on",
    event: f.event,
    connectionId: f.connectionId || null,
    pipelineId: f.pipelineId || null,
    amountMin: f.amountMin || null,
    amountMax: f.amountMax || null,
    settings: settings.value,
  });
}

function settingsOf(f: Form, smtp: boolean): Result<ActionSettings, RuleProblem> {
  const action: AutomationAction = f.action;
  if (action === "email") {
    if (!smtp) return err({ field: "action", reason: "automations.bad.noSmtp" });
    if (f.emailTo === "fixed" && !z.email().safeParse(f.emailAddress).success)
      return err({ field: "emailAddress", reason: "automations.bad.email" });
    if (!f.emailSubject) return err({ field: "emailSubject", reason: "automations.bad.required" });
    if (/[\r\n]/.test(f.emailSubject))
      return err({ field: "emailSubject", reason: "automations.bad.subject" });
    if (!f.emailBody) return err({ field: "emailBody", reason: "automations.bad.required" });
    const bad = templateProblem({ emailSubject: f.emailSubject, emailBody: f.emailBody });
    if (bad) return err(bad);
    const address = f.emailTo === "fixed" ? f.emailAddress : null;
    return ok({ action, to: f.emailTo, address, subject: f.emailSubject, body: f.emailBody });
  }
  const urlField = action === "slack" ? "slackUrl" : "webhookUrl";
  const url = outboundUrl.safeParse(f[urlField]);
  if (!url.success) return err({ field: urlField, reason: url.error.issues[0]!.message });
  if (action === "webhook") return ok({ action, url: url.data });
  if (!f.slackText) return err({ field: "slackText", reason: "automations.bad.required" });
  const bad = templateProblem({ slackText: f.slackText });
  return bad ? err(bad) : ok({ action, url: url.data, text: f.slackText });
}

function templateProblem(fields: Record<string, string>): RuleProblem | undefined {
  for (const [field, value] of Object.entries(fields)) {
    const unknown = unknownFields(value);
    if (unknown.length) return { field, reason: "automations.bad.placeholder", detail: unknown.join(", ") };
  }
  return undefined;
}
