import { invoiceBillEmail } from "../../connectors/qbo/bill-email.ts";
import { postJson, webhookSignature } from "../../connectors/outbound.ts";
import type { Mailer } from "../../connectors/smtp.ts";
import type { AutomationEvent, FiringStatus } from "../../db/schema/automations.ts";
import type { Clock } from "../../lib/clock.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import type { VendorClients } from "../connections/index.ts";
import { templateValues, webhookBody, type FiredInvoice } from "./payload.ts";
import { renderTemplate } from "./template.ts";
import { openSlackUrl, secretContext, type StoredSettings } from "./stored.ts";

/** What the worker needs to deliver: outbound fetch, the SMTP mailer (when configured), the secret box. */
export interface AutomationDeps {
  fetch: typeof fetch;
  secrets: SecretBox;
  mailer?: Mailer;
}

export interface Attempt {
  status: Exclude<FiringStatus, "pending">;
  result: string;
  retryable?: boolean;
}

export interface Firing {
  firingId: string;
  ruleId: string;
  ruleName: string;
  event: AutomationEvent;
  firedAt: Date;
  connectionId: string;
  settings: StoredSettings;
}

export { secretContext };

/** Runs a firing's action once and says how it went. */
export async function runAction(
  deps: { automations: AutomationDeps; clients: VendorClients; clock: Clock },
  f: Firing,
  inv: FiredInvoice,
): Promise<Attempt> {
  const values = templateValues(inv, f.event);
  const s = f.settings;
  if (s.action === "slack") {
    const body = JSON.stringify({ text: renderTemplate(s.text, values) });
    const url = openSlackUrl(deps.automations.secrets, f.ruleId, s);
    return outcomeOf(await postJson(deps.automations.fetch, url, body));
  }
  if (s.action === "webhook") {
    const body = webhookBody(f, inv);
    const secret = deps.automations.secrets.open(s.secret ?? "", secretContext(f.ruleId));
    const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
    const headers = {
      "x-ledgerlink-signature": webhookSignature(secret, timestamp, body),
      "x-ledgerlink-event": f.event,
      "x-ledgerlink-delivery": f.firingId,
    };
    return outcomeOf(await postJson(deps.automations.fetch, s.url, body, headers));
  }
  const mailer = deps.automations.mailer;
  if (!mailer) return { status: "failed", result: "e-mail is not configured (SMTP_URL, SMTP_FROM)" };
  let to = s.address;
  if (s.to === "customer") {
    const http = deps.clients.qbo({ connectionId: f.connectionId, realmId: inv.realmId });
    const found = await invoiceBillEmail(http, inv.qboInvoiceId);
    if (!found.ok)
      return {
        status: "failed",
        result: `QuickBooks: ${found.error.message}`,
        retryable: found.error.retryable,
      };
    to = found.value;
    if (!to) return { status: "failed", result: "the invoice has no billing e-mail address in QuickBooks" };
  }
  const sent = await mailer.send({
    to: to!,
    subject: renderTemplate(s.subject, values),
    text: renderTemplate(s.body, values),
  });
  return sent.ok
    ? { status: "ok", result: `sent to ${to}: ${sent.value}` }
    : { status: "failed", result: `to ${to}: ${sent.error.message}`, retryable: sent.error.retryable };
}

function outcomeOf(
  r: { ok: true; value: string } | { ok: false; error: { message: string; retryable: boolean } },
): Attempt {
  return r.ok
    ? { status: "ok", result: r.value }
    : { status: "failed", result: r.error.message, retryable: r.error.retryable };
}
