import { migrateToLatest } from "../../db/migrate.ts";
import { errorMessage } from "../../lib/errors.ts";
import { openConfiguredDatabase } from "../../main.ts";
import { EXIT, type Command } from "../command.ts";
import { configOrReport } from "../load-config.ts";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Applies pending database migrations and exits.",
  usage:
    "ledgerlink migrate\n\nApplies every pending migration to the configured database (they also run on start).",
  async run(_args, io) {
    const config = configOrReport(io);
    if (!config) return EXIT.usage;
    try {
      const database = await openConfiguredDatabase(config);
      try {
        const applied = await migrateToLatest(database);
        io.out(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      } finally {
        await database.close();
      }
      return EXIT.ok;
    } catch (error) {
      io.err(`ledgerlink migrate: ${errorMessage(error)}`);
      return EXIT.failed;
    }
  },
};
