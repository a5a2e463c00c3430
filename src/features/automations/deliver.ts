import type { Database } from "../../db/kysely.ts";
import { finishFiring, loadFiring } from "./repo.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";
import { runAction, type Attempt, type AutomationDeps } from "./actions.ts";
import { pipelineMismatch } from "./pipeline.ts";

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
