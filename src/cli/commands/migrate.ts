import { migrateToLatest } from "../../db/migrate.ts";
import { SecretBox } from "../../lib/crypto.ts";
import { resolveSecretKey } from "../../lib/secret-key.ts";
import { EXIT, type Command } from "../command.ts";
import { withDatabase } from "../load-config.ts";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Applies pending database migrations and exits.",
  flags: {},
  usage:
    "ledgerlink migrate\n\nApplies every pending migration to the configured database (they also run on start).",
  run: (_args, io) =>
    withDatabase(io, "migrate", async (database, config) => {
      // Some migrations seal data at rest (0009: Slack URLs) with the key that seals OAuth tokens.
      const secrets = new SecretBox(
        resolveSecretKey(config.secretKey, config.dataDir),
        config.previousSecretKeys,
      );
      const applied = await migrateToLatest(database, { secrets });
      io.out(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return EXIT.ok;
    }),
};
