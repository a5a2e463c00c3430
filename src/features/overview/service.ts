import type { DatabaseHandle } from "../../db/kysely.ts";
import { installedAt, liveWorkers } from "../../db/instance.ts";
import { pendingMigrations } from "../../db/migrate.ts";
import { migrations } from "../../db/migrations/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import type { HomeFacts } from "./pages/home.tsx";

export interface OverviewDeps {
  database: DatabaseHandle;
  dataDir: string;
  clock: Clock;
  queue?: JobQueue;
}

/** What the home page says about this installation, read live (nothing cached or invented). */
export async function installationFacts(deps: OverviewDeps): Promise<HomeFacts> {
  const pending = await pendingMigrations(deps.database);
  return {
    installedAt: (await installedAt(deps.database.db)) ?? deps.clock.now(),
    database: { kind: deps.database.kind, dataDir: deps.dataDir },
    migrations: { applied: migrations.length - pending.length, pending: pending.length },
    workers: await liveWorkers(deps.database.db, deps.clock),
    queue: deps.queue ? await deps.queue.depth() : [],
  };
}
