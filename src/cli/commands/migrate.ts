import { migrateToLatest } from "../../db/migrate.ts";
import { EXIT, type Command } from "../command.ts";
import { withDatabase } from "../load-config.ts";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Applies pending database migrations and exits.",
  flags: {},
  usage:
    "ledgerlink migrate\n\nApplies every pending migration to the configured database (they also run on start).",
  run: (_args, io) =>
    withDatabase(io, "migrate", async (database) => {
      const applied = await migrateToLatest(database);
      io.out(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return EXIT.ok;
    }),
};
