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
  /**
   * The signed-in portal's connected accounts, for "what comes next". Given by http/app.tsx from
   * the connections feature (which itself imports this feature's pageProps: no import cycle).
   */
  accounts?: (portalId: string) => Promise<ConnectedAccounts>;
}

/** What the home page says about the user's HubSpot portal and QuickBooks companies. */
export interface ConnectedAccounts {
  hubspot?: { portalId: string; status: "active" | "needs_reconnect" };
  companies: Array<{ companyName: string; status: "active" | "needs_reconnect" }>;
}

/** What the home page says about this installation, read live (nothing cached or invented). */
export async function installationFacts(deps: OverviewDeps, portalId?: string): Promise<HomeFacts> {
  const pending = await pendingMigrations(deps.database);
  return {
    installedAt: (await installedAt(deps.database.db)) ?? deps.clock.now(),
    database: { kind: deps.database.kind, dataDir: deps.dataDir },
    migrations: { applied: migrations.length - pending.length, pending: pending.length },
    workers: await liveWorkers(deps.database.db, deps.clock),
    queue: deps.queue ? await deps.queue.depth() : [],
    accounts: portalId && deps.accounts ? await deps.accounts(portalId) : undefined,
  };
}
