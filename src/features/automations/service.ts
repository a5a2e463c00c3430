import { inTransaction } from "../../db/transaction.ts";
import { listDealPipelines } from "../../connectors/hubspot/pipelines.ts";
import type { Database } from "../../db/kysely.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import type { Clock } from "../../lib/clock.ts";
import { randomId } from "../../lib/ids.ts";
import type { JobQueue } from "../../queue/queue.ts";
import { findPortal, listQboConnections, type VendorClients } from "../connections/index.ts";
import { maskUrl, openSlackUrl, secretContext, slackUrlContext, type StoredSettings } from "./stored.ts";
import { deliverAutomation } from "./jobs.ts";
import type { RuleFormValues } from "./pages/automations-form.tsx";
import type { FiringListRow, RuleListRow } from "./pages/automations.tsx";
import {
  deleteRule,
  findFiring,
  findRule,
  insertRule,
  listFirings,
  listRules,
  reopenFiring,
  updateRule,
  type RuleRow,
  type RuleValues,
} from "./repo.ts";
import type { RuleInput } from "./rule-schema.ts";
import { formValuesOf } from "./form.ts";

export interface AutomationsServiceDeps {
  db: Database;
  clock: Clock;
  secrets: SecretBox;
  clients?: VendorClients;
  queue?: JobQueue;
}

/** The Automations page: the portal's rules with their company's name, and its firings, newest first. */
export async function automationsOverview(
  db: Database,
  portalId: string,
): Promise<{ rules: RuleListRow[]; firings: FiringListRow[] }> {
  const companies = await listQboConnections(db, portalId);
  const name = new Map(companies.map((x) => [x.connectionId, x.companyName]));
  const rules = (await listRules(db, portalId)).map((r) => ({
    ...r,
    companyName: r.connectionId ? (name.get(r.connectionId) ?? r.connectionId) : null,
  }));
  const firings = (await listFirings(db, portalId)).map((f) => ({
    ...f,
    invoiceNumber: f.docNumber ?? f.qboInvoiceId,
  }));
  return { rules, firings };
}

export interface RuleFormContext {
  companies: Array<{ connectionId: string; companyName: string }>;
  /** HubSpot's deal pipelines, or why they could not be read (the form then asks for an id). */
  pipelines: { list: Array<{ id: string; label: string }> } | { error: string };
}

/** What a rule's form offers: the portal's QBO companies and HubSpot deal pipelines. */
export async function ruleFormContext(
  deps: AutomationsServiceDeps,
  portalId: string,
): Promise<RuleFormContext> {
  return {
    companies: await listQboConnections(deps.db, portalId),
    pipelines: await dealPipelines(deps, portalId),
  };
}

async function dealPipelines(
  deps: AutomationsServiceDeps,
  portalId: string,
): Promise<RuleFormContext["pipelines"]> {
  const portal = await findPortal(deps.db, portalId);
  if (!deps.clients || !portal || portal.status !== "active") return { error: "HubSpot is not connected" };
  const res = await listDealPipelines(deps.clients.hubspot(portal));
  return res.ok ? { list: res.value } : { error: res.error.message };
}

/** An existing rule as its edit page shows it; undefined when the portal has no such rule. */
export async function editableRule(
  deps: AutomationsServiceDeps,
  portalId: string,
  ruleId: string,
): Promise<{ ruleId: string; values: RuleFormValues; secret?: string } | undefined> {
  const rule = await findRule(deps.db, portalId, ruleId);
  if (!rule) return undefined;
  const values = formValuesOf(rule, slackUrlMask(rule, deps.secrets));
  return { ruleId: rule.ruleId, values, secret: webhookSecret(rule, deps.secrets) };
}

export async function createRule(deps: AutomationsServiceDeps, portalId: string, input: RuleInput) {
  const ruleId = randomId(9);
  await insertRule(deps.db, portalId, ruleId, ruleValues(input, ruleId, deps.secrets), deps.clock.now());
}

/** Replaces a rule's settings, keeping its webhook secret (a rule deleted meanwhile stays deleted). */
export async function changeRule(
  deps: AutomationsServiceDeps,
  portalId: string,
  ruleId: string,
  input: RuleInput,
): Promise<void> {
  const rule = await findRule(deps.db, portalId, ruleId);
  if (!rule) return;
  await updateRule(
    deps.db,
    portalId,
    rule.ruleId,
    ruleValues(input, rule.ruleId, deps.secrets, rule),
    deps.clock.now(),
  );
}

/** Turns a rule on or off; false when the portal has no such rule. */
export function switchRule(deps: AutomationsServiceDeps, portalId: string, ruleId: string, enabled: boolean) {
  return updateRule(deps.db, portalId, ruleId, { enabled }, deps.clock.now());
}

export function removeRule(deps: AutomationsServiceDeps, portalId: string, ruleId: string) {
  return deleteRule(deps.db, portalId, ruleId);
}

export type RetryOutcome = "retried" | "not_found" | "not_retryable" | "unavailable";

/** A failed firing back to pending with its delivery job, in one transaction (the user's Retry). */
export async function retryFiring(
  deps: AutomationsServiceDeps,
  portalId: string,
  firingId: string,
  requestId: string,
): Promise<RetryOutcome> {
  const firing = await findFiring(deps.db, portalId, firingId);
  if (!firing) return "not_found";
  if (firing.status !== "failed") return "not_retryable";
  const queue = deps.queue;
  if (!queue) return "unavailable";
  const reopened = await inTransaction(deps.db, async (trx) => {
    if (!(await reopenFiring(trx, firing.portalId, firing.firingId))) return false;
    await queue.enqueue(trx, deliverAutomation, { firingId: firing.firingId }, { requestId });
    return true;
  });
  return reopened ? "retried" : "not_retryable";
}

/**
 * The row to store. A webhook keeps the secret it already has (receivers verify with it); one is
 * made, sealed, the first time a rule calls a webhook. A Slack URL is sealed; the edit page's mask
 * of the stored URL, submitted unchanged, keeps the stored one.
 */
function ruleValues(input: RuleInput, ruleId: string, secrets: SecretBox, previous?: RuleRow): RuleValues {
  const { settings: _, ...rest } = input;
  return {
    ...rest,
    action: input.settings.action,
    settings: storedSettings(input, ruleId, secrets, previous),
  };
}

function storedSettings(
  input: RuleInput,
  ruleId: string,
  secrets: SecretBox,
  previous?: RuleRow,
): StoredSettings {
  const s = input.settings;
  const before = previous?.settings as StoredSettings | undefined;
  if (s.action === "webhook") {
    const kept = before?.action === "webhook" ? before.secret : undefined;
    return { ...s, secret: kept ?? secrets.seal(`whsec_${randomId(24)}`, secretContext(ruleId)) };
  }
  if (s.action !== "slack") return s;
  if (before?.action === "slack" && previous && s.url === slackUrlMask(previous, secrets))
    return { action: "slack", sealedUrl: before.sealedUrl, text: s.text };
  return { action: "slack", sealedUrl: secrets.seal(s.url, slackUrlContext(ruleId)), text: s.text };
}

/** The webhook secret in clear for its owner's edit page; undefined for other actions. */
function webhookSecret(rule: RuleRow, secrets: SecretBox): string | undefined {
  const s = rule.settings as StoredSettings;
  return s.action === "webhook" && s.secret ? secrets.open(s.secret, secretContext(rule.ruleId)) : undefined;
}

/** A Slack rule's URL as the edit page shows it (masked); undefined for other actions. */
function slackUrlMask(rule: RuleRow, secrets: SecretBox): string | undefined {
  const s = rule.settings as StoredSettings;
  return s.action === "slack" ? maskUrl(openSlackUrl(secrets, rule.ruleId, s)) : undefined;
}
