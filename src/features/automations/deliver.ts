import type { Database } from "../../db/kysely.ts";
import { finishFiring } from "./repo.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";
import { runAction, type Attempt, type AutomationDeps, type Firing } from "./actions.ts";
import type { FiredInvoice } from "./payload.ts";
import { pipelineMismatch } from "./pipeline.ts";
import type { ActionSettings } from "./rule-schema.ts";

export interface DeliverDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  /** Absent in a process that was not given outbound settings: deliveries fail, saying so. */
  automations?: AutomationDeps;
}

/**
 * `deliver-automation` (W3): runs one firing's action and records the outcome on the firing row.
 * A delivered or skipped firing is never run again (a replayed job is a no-op); a failure the
 * receiver may get over is recorded and rethrown, so the queue retries it with backoff.
 */
export async function deliverAutomationHandler(
  deps: DeliverDeps,
  ctx: JobContext<{ firingId: string }>,
): Promise<void> {
  const loaded = await loadFiring(deps.db, ctx.payload.firingId);
  if (!loaded || loaded.status === "ok" || loaded.status === "skipped") return;
  const { firing, invoice, enabled, pipelineId, portalId } = loaded;
  const outcome: Attempt = await attempt();
  const { status, result } = outcome;
  await finishFiring(deps.db, firing.firingId, { status, result }, deps.clock.now());
  ctx.log.info({ firingId: firing.firingId, status: outcome.status }, "automation delivered");
  if (outcome.status === "failed" && outcome.retryable) throw new Error(outcome.result);

  async function attempt(): Promise<Attempt> {
    if (!enabled) return { status: "skipped", result: "the rule was turned off before delivery" };
    if (!deps.automations) return { status: "failed", result: "this worker has no automation settings" };
    if (pipelineId) {
      const mismatch = await pipelineMismatch(deps, portalId, invoice.invoiceKey, pipelineId);
      if (mismatch) return mismatch;
    }
    return runAction(
      { automations: deps.automations, clients: deps.clients, clock: deps.clock },
      firing,
      invoice,
    );
  }
}

async function loadFiring(db: Database, firingId: string) {
  const row = await db
    .selectFrom("automationFirings as f")
    .innerJoin("automationRules as r", "r.ruleId", "f.ruleId")
    .innerJoin("invoices as i", "i.invoiceKey", "f.invoiceKey")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .select(["f.firingId", "f.ruleId", "f.portalId", "f.event", "f.status", "f.firedAt"])
    .select(["r.name as ruleName", "r.enabled", "r.settings", "r.pipelineId"])
    .select([
      "i.invoiceKey",
      "i.connectionId",
      "i.realmId",
      "i.qboInvoiceId",
      "i.docNumber",
      "i.customerName",
    ])
    .select(["i.currency", "i.totalAmt", "i.balance", "i.txnDate", "i.dueDate", "i.state", "c.companyName"])
    .where("f.firingId", "=", firingId)
    .executeTakeFirst();
  if (!row) return undefined;
  const firing: Firing = {
    firingId: row.firingId,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    event: row.event,
    firedAt: row.firedAt,
    connectionId: row.connectionId,
    settings: row.settings as ActionSettings & { secret?: string },
  };
  const invoice: FiredInvoice = row;
  return {
    firing,
    invoice,
    status: row.status,
    enabled: row.enabled,
    pipelineId: row.pipelineId,
    portalId: row.portalId,
  };
}
