import type { DatabaseHandle } from "../db/kysely.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { AnyJob, Handlers } from "../queue/catalogue.ts";

/**
 * The job catalogue: every job Ledgerlink runs, with its payload schema and queue policy.
 * Sync jobs (push-invoice, pull-qbo-changes, update-deal-properties, ...) join it as the
 * capabilities that need them are built; handlers live in sync/handlers/, one file per job.
 */
export const jobCatalogue: AnyJob[] = [];

export interface HandlerDeps {
  database: DatabaseHandle;
  logger: Logger;
  clock: Clock;
}

export function jobHandlers(_deps: HandlerDeps): Handlers {
  return {};
}
