import { databaseError, readKeyCheck, writeKeyCheck } from "../../db/instance.ts";
import { openConfiguredDatabase, secretBoxFor } from "../../main.ts";
import { pendingMigrations } from "../../db/migrate.ts";
import { sealedSecretStores } from "../../features/catalogue.ts";
import { ConfigurationError } from "../../lib/errors.ts";
import { KEY_CHECK, rekey } from "../../lib/sealed-secrets.ts";
import { describeCause } from "../causes.ts";
import { EXIT, type Command } from "../command.ts";
import { commandOutput, configFor } from "../output.ts";
import { databaseWhere } from "./doctor.ts";

/**
 * `ledgerlink rekey`: after LEDGERLINK_SECRET_KEY changed (the old key moved to
 * LEDGERLINK_PREVIOUS_SECRET_KEYS), re-seals every stored secret with the new key, one
 * transaction per batch. Safe to run again, and while serve and workers run.
 */
export const rekeyCommand: Command = {
  name: "rekey",
  summary: "Re-seals every stored secret with the current LEDGERLINK_SECRET_KEY, so old keys can be retired.",
  flags: {},
  usage:
    "ledgerlink rekey\n\nRe-seals every stored secret (OAuth tokens, automation webhook secrets) with LEDGERLINK_SECRET_KEY,\n" +
    "opening them with it or a key in LEDGERLINK_PREVIOUS_SECRET_KEYS. Idempotent; see docs/operations.md.",
  async run(_args, io) {
    const output = commandOutput(io, "rekey");
    const config = configFor(io, output);
    if (!config) return EXIT.usage;
    let box;
    try {
      box = secretBoxFor(config);
    } catch (error) {
      output.fail(describeCause(error));
      return EXIT.usage;
    }
    const database = await openConfiguredDatabase(config);
    try {
      const unreachable = await databaseError(database.db);
      if (unreachable !== undefined) {
        output.fail(`could not reach the ${databaseWhere(config)}: ${describeCause(unreachable)}`);
        return EXIT.failed;
      }
      if ((await pendingMigrations(database)).length > 0) {
        output.fail("the database has pending migrations: run `ledgerlink migrate` first");
        return EXIT.failed;
      }
      const report = await rekey(sealedSecretStores(database.db), box);
      const check = await readKeyCheck(database.db);
      if (check === undefined || box.isStale(check)) {
        await writeKeyCheck(database.db, box.seal(KEY_CHECK.plaintext, KEY_CHECK.context), new Date());
      }
      output.info(`Re-sealed ${report.resealed}, already current ${report.current}.`, {
        resealed: report.resealed,
        current: report.current,
      });
      for (const s of report.byStore)
        output.info(`  ${s.what}: re-sealed ${s.resealed}, already current ${s.current}`);
      if (config.previousSecretKeys.length > 0) {
        output.info(
          "Every stored secret uses the current key: LEDGERLINK_PREVIOUS_SECRET_KEYS can now be removed.",
        );
      }
      return EXIT.ok;
    } catch (error) {
      output.fail(describeCause(error));
      return error instanceof ConfigurationError ? EXIT.usage : EXIT.failed;
    } finally {
      await database.close();
    }
  },
};
