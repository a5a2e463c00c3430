import { migrateToLatest } from "../../db/migrate.ts";
import { jobCatalogue } from "../../features/catalogue.ts";
import { JobQueue } from "../../queue/queue.ts";
import { EXIT, type Command } from "../command.ts";
import { loggerFor, withDatabase } from "../load-config.ts";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Applies pending database migrations, prepares the job queues and exits.",
  flags: {},
  usage:
    "ledgerlink migrate\n\nApplies every pending migration to the configured database and creates the job queues\n" +
    "(both also happen on start; run it before starting the web and the workers).",
  run: (_args, io) =>
    withDatabase(io, "migrate", async (database, config) => {
      const applied = await migrateToLatest(database);
      io.out(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      // The job queues are created here, once. Left to the web and the workers, processes starting
      // together on a new database (or after an upgrade adds a job) each create them, and pg-boss's
      // queue creation (a row and a table partition) can deadlock between them.
      const queue = new JobQueue(database, jobCatalogue, loggerFor(config), {
        databaseUrl: config.databaseUrl,
        background: false,
      });
      await queue.start();
      await queue.stop();
      io.out(`Job queues ready (${jobCatalogue.length}).`);
      return EXIT.ok;
    }),
};
