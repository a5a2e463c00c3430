import { pendingMigrations } from "../../db/migrate.ts";
import type { DatabaseHandle } from "../../db/kysely.ts";
import { installedAt, liveWorkers } from "../../db/instance.ts";
import { countFailures } from "../../features/activity/index.ts";
import { systemClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { JobQueue } from "../../queue/queue.ts";
import { jobCatalogue } from "../../features/catalogue.ts";
import { EXIT, type Command } from "../command.ts";
import { keyUsageLine } from "../key-usage.ts";
import { withDatabase } from "../load-config.ts";

async function printConnections(database: DatabaseHandle, out: (line: string) => void) {
  const portals = await database.db.selectFrom("portals").select(["portalId", "status"]).execute();
  const companies = await database.db
    .selectFrom("qboConnections")
    .select(["portalId", "realmId", "companyName", "status"])
    .execute();
  out(`HubSpot portals: ${portals.length}`);
  for (const p of portals) out(`  ${p.portalId}: ${p.status}`);
  out(`QuickBooks companies: ${companies.length}`);
  for (const c of companies)
    out(`  ${c.companyName} (realm ${c.realmId}, portal ${c.portalId}): ${c.status}`);
  const checkpoints = await database.db.selectFrom("syncCheckpoints").select(["key", "updatedAt"]).execute();
  const last = checkpoints.map((c) => c.updatedAt.getTime()).sort((a, b) => b - a)[0];
  out(`Last reconcile: ${last ? new Date(last).toISOString() : "never"}`);
  const failures = await countFailures(database.db, new Date(Date.now() - 86_400_000));
  out(`Failures in the last 24 hours: ${failures}`);
}

export const statusCommand: Command = {
  name: "status",
  summary: "Prints the installation's state: database, workers, queue depth, connections, failures.",
  flags: {},
  usage: "ledgerlink status\n\nReads the configured database; changes nothing.",
  run: (_args, io) =>
    withDatabase(io, "status", async (database, config) => {
      const pending = await pendingMigrations(database);
      io.out(`Database: ${database.kind === "pglite" ? `embedded (${config.dataDir})` : "PostgreSQL"}`);
      io.out(`Migrations: ${pending.length === 0 ? "up to date" : `${pending.length} pending`}`);
      if (pending.length > 0) return EXIT.failed;
      const since = await installedAt(database.db);
      io.out(`Installed: ${since ? since.toISOString() : "never started"}`);
      const workers = await liveWorkers(database.db, systemClock);
      io.out(`Workers alive: ${workers.length}`);
      for (const w of workers)
        io.out(`  ${w.hostname} pid ${w.pid}: ${w.jobsCompleted} jobs, seen ${w.lastSeenAt.toISOString()}`);
      // Reads only: no maintenance timers, no listener.
      const queue = new JobQueue(database, jobCatalogue, silentLogger, {
        databaseUrl: config.databaseUrl,
        background: false,
      });
      await queue.start();
      const depth = await queue.depth();
      await queue.stop();
      io.out(`Queued jobs: ${depth.reduce((sum, q) => sum + q.queued, 0)}`);
      for (const q of depth.filter((d) => d.queued > 0)) io.out(`  ${q.name}: ${q.queued}`);
      await printConnections(database, io.out);
      const keys = await keyUsageLine(database.db, config);
      if (keys) io.out(`Stored secrets: ${keys.detail}`);
      return EXIT.ok;
    }),
};
