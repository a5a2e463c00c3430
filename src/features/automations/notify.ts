import { postJson, webhookSignature } from "../../connectors/outbound.ts";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { secretContext, type AutomationDeps } from "./actions.ts";
import { enabledRuleActions } from "./repo.ts";
import { openSlackUrl } from "./stored.ts";

/** Something Ledgerlink itself has to say (a health incident), not an invoice event. */
export interface Notice {
  /** Stable per notice: the webhook's `x-ledgerlink-delivery`, so a receiver can drop a repeat. */
  id: string;
  /** The webhook's `x-ledgerlink-event` and body `event`, e.g. `health.incident_opened`. */
  event: string;
  subject: string;
  text: string;
  /** The webhook body's facts besides `event`, `id` and `occurredAt`. */
  data: Record<string, unknown>;
}

export interface NoticeOutcome {
  delivered: string[];
  failed: string[];
}

/**
 * Sends a notice through the channels the portal's enabled automation rules already have, with the
 * same senders (docs/automations.md): each Slack URL and signed webhook URL once (signed with its
 * rule's secret), each fixed e-mail address once. Rules that e-mail an invoice's customer are left
 * out: a customer is never told about our connection's health. Never throws; says what went where.
 */
export async function notifyChannels(
  deps: { db: Database; clock: Clock; automations: AutomationDeps },
  portalId: string,
  notice: Notice,
): Promise<NoticeOutcome> {
  const out: NoticeOutcome = { delivered: [], failed: [] };
  const seen = new Set<string>();
  const { fetch: fetchFn, secrets, mailer } = deps.automations;
  for (const { ruleId, settings: s } of await enabledRuleActions(deps.db, portalId)) {
    const target =
      s.action === "email"
        ? s.to === "fixed"
          ? s.address
          : null
        : s.action === "slack"
          ? openSlackUrl(secrets, ruleId, s)
          : s.url;
    if (!target || seen.has(`${s.action}:${target}`)) continue;
    seen.add(`${s.action}:${target}`);
    const label = `${s.action} ${s.action === "email" ? target : new URL(target).host}`;
    const result = await send();
    (result.ok ? out.delivered : out.failed).push(result.ok ? label : `${label}: ${result.error.message}`);

    async function send() {
      if (s.action === "slack")
        return postJson(fetchFn, target!, JSON.stringify({ text: `${notice.subject}\n${notice.text}` }));
      if (s.action === "webhook") {
        const occurredAt = deps.clock.now();
        const body = JSON.stringify({ event: notice.event, id: notice.id, occurredAt, ...notice.data });
        const secret = secrets.open(s.secret ?? "", secretContext(ruleId));
        const headers = {
          "x-ledgerlink-signature": webhookSignature(secret, Math.floor(occurredAt.getTime() / 1000), body),
          "x-ledgerlink-event": notice.event,
          "x-ledgerlink-delivery": notice.id,
        };
        return postJson(fetchFn, target!, body, headers);
      }
      if (!mailer)
        return { ok: false as const, error: { message: "e-mail is not configured (SMTP_URL, SMTP_FROM)" } };
      return mailer.send({ to: target!, subject: notice.subject, text: notice.text });
    }
  }
  return out;
}
