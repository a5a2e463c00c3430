import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordingIO } from "../../../test/support/cli.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { readSealedSecrets, seedSealedSecrets } from "../../../test/support/sealed-seed.ts";
import { openDatabase } from "../../db/kysely.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { sealedSecretStores } from "../../features/catalogue.ts";
import { generateSecretKey, SecretBox } from "../../lib/crypto.ts";
import { rekey } from "../../lib/sealed-secrets.ts";
import { runCli } from "../run.ts";

const [oldKey, newKey, strayKey] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
const idOf = (key: string) => new SecretBox(key).currentKeyId;

function opensWith(box: SecretBox, stored: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(stored).map(([context, values]) => [context, values.map((v) => box.open(v, context))]),
  );
}

describeEachBackend("rekey over every sealed column", (get) => {
  it("re-seals tokens, webhook secrets and Slack URLs with the new key, keeps what they open to, and is idempotent", async () => {
    const db = get().db;
    const plain = await seedSealedSecrets(db, new SecretBox(oldKey));
    const box = new SecretBox(newKey, [oldKey]);

    const first = await rekey(sealedSecretStores(db), box, 1); // batches of one row: many transactions
    expect(first).toMatchObject({ resealed: 6, current: 0 });
    expect(first.byStore.map((s) => [s.what, s.resealed])).toEqual([
      ["HubSpot portal tokens", 2],
      ["QuickBooks company tokens", 2],
      ["automation webhook secrets", 1],
      ["automation Slack URLs", 1],
    ]);
    // The old key can go: the new one alone opens everything, each under its own row's context.
    expect(opensWith(new SecretBox(newKey), await readSealedSecrets(db))).toEqual(plain);
    const slack = await db
      .selectFrom("automationRules")
      .select("settings")
      .where("ruleId", "=", "r-slack")
      .executeTakeFirstOrThrow();
    expect(slack.settings).toMatchObject({ action: "slack", text: "{{number}}" });
    const hook = await db
      .selectFrom("automationRules")
      .select("settings")
      .where("ruleId", "=", "r-hook")
      .executeTakeFirstOrThrow();
    expect(hook.settings).toMatchObject({ action: "webhook", url: "https://hooks.example.org/x" });

    expect(await rekey(sealedSecretStores(db), box)).toMatchObject({ resealed: 0, current: 6 });
  });
});

describe("ledgerlink serve, rekey, doctor and status with a rotated key (embedded database)", () => {
  it("refuses a wrong key at start, counts old-key secrets, re-seals them and then starts on the new key alone", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ll-rekey-"));
    const env = (keys: { current: string; previous?: string[] }) => ({
      LEDGERLINK_DATA_DIR: dataDir,
      LEDGERLINK_SECRET_KEY: keys.current,
      LEDGERLINK_PREVIOUS_SECRET_KEYS: keys.previous?.join(","),
      PORT: "0",
      LOG_LEVEL: "silent",
    });
    const run = async (args: string[], keys: { current: string; previous?: string[] }) => {
      const rec = recordingIO(env(keys));
      const code = await runCli(args, rec.io);
      return { code, out: rec.out, err: rec.err, text: rec.text() };
    };

    // An installation whose secrets were sealed with the old key (each CLI run reopens the
    // embedded database, which is slow: the steps are the few that differ).
    const handle = await openDatabase({ dataDir: join(dataDir, "db") });
    await migrateToLatest(handle);
    await seedSealedSecrets(handle.db, new SecretBox(oldKey));
    await handle.close();

    const wrong = await run(["serve", "--embedded"], { current: newKey });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toEqual([
      `ledgerlink serve: LEDGERLINK_SECRET_KEY (key ${idOf(newKey)}) is not the key that sealed 6 stored ` +
        `secrets (key ${idOf(oldKey)}): set LEDGERLINK_SECRET_KEY back to that key, or to rotate keys, set the new ` +
        "key and put the old one in LEDGERLINK_PREVIOUS_SECRET_KEYS",
    ]);
    const noneOfThem = await run(["worker", "--embedded"], { current: newKey, previous: [strayKey] });
    expect(noneOfThem.code).toBe(2);
    expect(noneOfThem.err.join()).toContain(
      `neither LEDGERLINK_SECRET_KEY (key ${idOf(newKey)}) nor any key in LEDGERLINK_PREVIOUS_SECRET_KEYS ` +
        `(keys ${idOf(strayKey)}) is the key that sealed 6 stored secrets (key ${idOf(oldKey)})`,
    );

    const rotated = { current: newKey, previous: [oldKey] };
    const doctor = await run(["doctor"], rotated);
    expect(doctor.text).toContain(
      "! stored secrets: 6 secrets still use an old key (0 secrets the current one): run `ledgerlink rekey`",
    );
    expect((await run(["status"], rotated)).text).toContain("Stored secrets: 6 secrets still use an old key");

    const first = await run(["rekey"], rotated);
    expect(first.code).toBe(0);
    expect(first.out[0]).toBe("Re-sealed 6, already current 0.");
    expect(first.text).toContain("LEDGERLINK_PREVIOUS_SECRET_KEYS can now be removed");
    expect((await run(["rekey"], rotated)).out[0]).toBe("Re-sealed 0, already current 6.");

    // The old key retired: the new one alone starts, and doctor says all is current.
    const alone = await run(["serve", "--embedded"], { current: newKey });
    expect(alone.err).toEqual([]);
    expect(alone.code).toBe(0);
    expect((await run(["status"], { current: newKey })).text).toContain(
      "Stored secrets: 6 secrets, all on the current key",
    );
  }, 300_000);
});
