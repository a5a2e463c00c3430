import type { RuleRow } from "./repo.ts";
import type { RuleProblem } from "./rule-schema.ts";
import type { StoredSettings } from "./stored.ts";
import { en } from "../../web/i18n/en.ts";
import type { MessageKey, Translate } from "../../web/i18n/index.ts";
import type { RuleFormValues } from "./pages/automations-form.tsx";

/** The form's field → its label, to say which field a refusal is about. */
const LABELS: Record<string, MessageKey> = {
  name: "automations.form.name",
  enabled: "automations.form.enabled",
  event: "automations.form.event",
  action: "automations.form.action",
  connectionId: "automations.form.company",
  pipelineId: "automations.form.pipeline",
  amountMin: "automations.form.amountMin",
  amountMax: "automations.form.amountMax",
  emailTo: "automations.form.emailTo",
  emailAddress: "automations.form.emailAddress",
  emailSubject: "automations.form.emailSubject",
  emailBody: "automations.form.emailBody",
  slackUrl: "automations.form.slackUrl",
  slackText: "automations.form.slackText",
  webhookUrl: "automations.form.webhookUrl",
};

export function problemText(t: Translate, p: RuleProblem): string {
  const field = LABELS[p.field] ? t(LABELS[p.field]!) : p.field;
  // Every reason the schema gives is a key; a zod default message would be a bug, shown as is.
  const reason = p.reason in en ? t(p.reason as MessageKey, { detail: p.detail ?? "" }) : p.reason;
  return t("automations.bad", { field, reason });
}

/** Only the string fields of a submitted form (a file upload is not a rule field). */
export function formStrings(body: Record<string, unknown>): RuleFormValues {
  const out: RuleFormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}

/**
 * An existing rule as form values (what the edit page starts from). A Slack URL is sealed: the page
 * gets it masked (`slackUrlShown`), and saving the mask unchanged keeps the stored URL.
 */
export function formValuesOf(rule: RuleRow, slackUrlShown = ""): RuleFormValues {
  const s = rule.settings as StoredSettings;
  const v: RuleFormValues = {
    name: rule.name,
    enabled: rule.enabled ? "on" : "",
    event: rule.event,
    action: rule.action,
    connectionId: rule.connectionId ?? "",
    pipelineId: rule.pipelineId ?? "",
    amountMin: rule.amountMin ?? "",
    amountMax: rule.amountMax ?? "",
  };
  if (s.action === "email")
    Object.assign(v, {
      emailTo: s.to,
      emailAddress: s.address ?? "",
      emailSubject: s.subject,
      emailBody: s.body,
    });
  if (s.action === "slack") Object.assign(v, { slackUrl: slackUrlShown, slackText: s.text });
  if (s.action === "webhook") v.webhookUrl = s.url;
  return v;
}

/**
 * What a new rule's form starts with: on, customer e-mail with a usable template, written in the
 * language of the person creating it (the customer reads what they save).
 */
export function newRule(t: Translate): RuleFormValues {
  return {
    enabled: "on",
    event: "overdue",
    action: "email",
    emailTo: "customer",
    emailSubject: t("automations.template.subject"),
    emailBody: t("automations.template.body"),
    slackText: t("automations.template.slack"),
  };
}
