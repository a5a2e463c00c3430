import { Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { signedInPortal } from "../../../test/support/session.ts";
import { openDatabase, type DatabaseHandle } from "../../db/kysely.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { migrationsFor } from "../../db/migrations/index.ts";
import { generateSecretKey, SecretBox } from "../../lib/crypto.ts";
import { openSlackUrl } from "./stored.ts";

const URL_IN_CLEAR = "https://hooks.slack.com/services/T0001/B0002/migrate-me-secret-token";

/** Migration 0010 on a database holding a Slack rule stored before URLs were sealed. */
describe("migration 0010: Slack URLs sealed at rest", () => {
  let handle: DatabaseHandle;
  afterAll(() => handle.close());

  async function databaseWithClearSlackRule() {
    handle = await openDatabase({ dataDir: "memory://" });
    const before = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => Object.fromEntries(migrationsFor({})) },
    });
    const done = await before.migrateTo("0009-health-incidents");
    expect(done.error).toBeUndefined();
    await signedInPortal(handle.db, "111");
    const now = new Date();
    await handle.db
      .insertInto("automationRules")
      .values({
        ruleId: "r1",
        portalId: "111",
        name: "Paid to Slack",
        event: "paid",
        action: "slack",
        settings: JSON.stringify({ action: "slack", url: URL_IN_CLEAR, text: "{{number}}" }),
        connectionId: null,
        pipelineId: null,
        amountMin: null,
        amountMax: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  const settings = async () =>
    (await handle.db.selectFrom("automationRules").select("settings").executeTakeFirstOrThrow())
      .settings as Record<string, string>;

  it("refuses to run without the secret key (changing nothing), then seals the URL for its rule", async () => {
    await databaseWithClearSlackRule();
    await expect(migrateToLatest(handle)).rejects.toThrow(/0010-seal-slack-urls.*secret key/);
    expect((await settings()).url).toBe(URL_IN_CLEAR);

    const secrets = new SecretBox(generateSecretKey());
    // Later migrations run after it; the sealing one is the first still pending.
    expect((await migrateToLatest(handle, { secrets }))[0]).toBe("0010-seal-slack-urls");
    const stored = await settings();
    expect(JSON.stringify(stored)).not.toContain("migrate-me");
    expect(stored).toMatchObject({ action: "slack", text: "{{number}}" });
    expect(stored.url).toBeUndefined();
    expect(openSlackUrl(secrets, "r1", { sealedUrl: stored.sealedUrl! })).toBe(URL_IN_CLEAR);
  }, 240_000); // an embedded database migrated twice: slow on a busy machine
});
