import { databaseError } from "../../db/instance.ts";
import { migrateToLatest, underMigrationLock } from "../../db/migrate.ts";
import { jobCatalogue } from "../../features/catalogue.ts";
import { MISSING_SECRET_KEY, openConfiguredDatabase, secretBoxFor } from "../../main.ts";
import { JobQueue } from "../../queue/queue.ts";
import { describeCause } from "../causes.ts";
import { EXIT, type Command } from "../command.ts";
import { loggerFor } from "../load-config.ts";
import { commandOutput, configFor } from "../output.ts";
import { databaseWhere } from "./doctor.ts";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Applies pending database migrations, prepares the job queues and exits.",
  flags: {},
  usage:
    "ledgerlink migrate\n\nApplies every pending migration to the configured database and creates the job queues\n" +
    "(both also happen on start; run it before starting the web and the workers).\n" +
    "With DATABASE_URL, LEDGERLINK_SECRET_KEY must be set too, as for serve and worker.",
  async run(_args, io) {
    const output = commandOutput(io, "migrate");
    const config = configFor(io, output);
    if (!config) return EXIT.usage;
    // A deployment that migrates without a key would start serve and worker without one next.
    if (config.databaseUrl && !config.secretKey) {
      output.fail(MISSING_SECRET_KEY);
      return EXIT.usage;
    }
    try {
      const database = await openConfiguredDatabase(config);
      try {
        const unreachable = await databaseError(database.db);
        if (unreachable !== undefined) {
          const fix = config.databaseUrl ? " (check DATABASE_URL)" : "";
          output.fail(`could not reach the ${databaseWhere(config)}: ${describeCause(unreachable)}${fix}`);
          return EXIT.failed;
        }
        // The job queues are created here too, under the same advisory lock as the migrations, so
        // serve and worker processes starting at the same moment wait for this one (ADR 0030).
        const queue = new JobQueue(database, jobCatalogue, loggerFor(config), {
          databaseUrl: config.databaseUrl,
          background: false,
        });
        // Some migrations seal data at rest (0010: Slack URLs) with the key that seals OAuth tokens.
        const applied = await underMigrationLock(database, async () => {
          const names = await migrateToLatest(database, { secrets: secretBoxFor(config) });
          await queue.start();
          await queue.stop();
          return names;
        });
        output.info(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.", {
          applied,
        });
        output.info(`Job queues ready (${jobCatalogue.length}).`, { queues: jobCatalogue.length });
        return EXIT.ok;
      } finally {
        await database.close();
      }
    } catch (error) {
      output.fail(describeCause(error));
      return EXIT.failed;
    }
  },
};
