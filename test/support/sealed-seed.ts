import type { Database } from "../../src/db/kysely.ts";
import type { SecretBox } from "../../src/lib/crypto.ts";

/**
 * One of each sealed column Ledgerlink has, sealed with `box` and the context the code uses: a
 * portal's tokens, a QuickBooks company's tokens, an automation's webhook secret and a Slack rule's
 * incoming-webhook URL (6 secrets). Returns the plaintexts by context, to check what opens afterwards.
 */
export async function seedSealedSecrets(db: Database, box: SecretBox): Promise<Record<string, string[]>> {
  const now = new Date("2026-01-01T00:00:00Z");
  const later = new Date("2026-02-01T00:00:00Z");
  await db
    .insertInto("portals")
    .values({
      portalId: "111",
      appId: "1",
      companyCurrency: "USD",
      accessToken: box.seal("hs-access", "hubspot:111"),
      refreshToken: box.seal("hs-refresh", "hubspot:111"),
      accessExpiresAt: later,
      scopes: JSON.stringify([]),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto("qboConnections")
    .values({
      connectionId: "c-1",
      portalId: "111",
      realmId: "9130",
      companyName: "Sandbox Co",
      country: "US",
      homeCurrency: "USD",
      multiCurrency: false,
      customTxnNumbers: false,
      accessToken: box.seal("qbo-access", "qbo:c-1"),
      refreshToken: box.seal("qbo-refresh", "qbo:c-1"),
      accessExpiresAt: later,
      refreshExpiresAt: later,
      infoRefreshedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const rule = (ruleId: string, action: "webhook" | "slack", settings: object) => ({
    ruleId,
    portalId: "111",
    name: ruleId,
    event: "paid" as const,
    action,
    settings: JSON.stringify(settings),
    createdAt: now,
    updatedAt: now,
  });
  await db
    .insertInto("automationRules")
    .values([
      rule("r-hook", "webhook", {
        action: "webhook",
        url: "https://hooks.example.org/x",
        secret: box.seal("whsec_abc", "automation:r-hook"),
      }),
      rule("r-slack", "slack", {
        action: "slack",
        sealedUrl: box.seal("https://hooks.slack.com/services/x", "automation:r-slack:slack-url"),
        text: "{{number}}",
      }),
    ])
    .execute();
  return {
    "hubspot:111": ["hs-access", "hs-refresh"],
    "qbo:c-1": ["qbo-access", "qbo-refresh"],
    "automation:r-hook": ["whsec_abc"],
    "automation:r-slack:slack-url": ["https://hooks.slack.com/services/x"],
  };
}

/** Every sealed value as stored, with its context, in the order `seedSealedSecrets` returns them. */
export async function readSealedSecrets(db: Database): Promise<Record<string, string[]>> {
  const portal = await db
    .selectFrom("portals")
    .select(["accessToken", "refreshToken"])
    .executeTakeFirstOrThrow();
  const qbo = await db
    .selectFrom("qboConnections")
    .select(["accessToken", "refreshToken"])
    .executeTakeFirstOrThrow();
  const hook = await db
    .selectFrom("automationRules")
    .select("settings")
    .where("ruleId", "=", "r-hook")
    .executeTakeFirstOrThrow();
  const slack = await db
    .selectFrom("automationRules")
    .select("settings")
    .where("ruleId", "=", "r-slack")
    .executeTakeFirstOrThrow();
  return {
    "hubspot:111": [portal.accessToken, portal.refreshToken],
    "qbo:c-1": [qbo.accessToken, qbo.refreshToken],
    "automation:r-hook": [(hook.settings as { secret: string }).secret],
    "automation:r-slack:slack-url": [(slack.settings as { sealedUrl: string }).sealedUrl],
  };
}
