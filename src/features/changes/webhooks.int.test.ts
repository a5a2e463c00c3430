import { createHash, createHmac } from "node:crypto";
import { expect, it } from "vitest";
import { z } from "zod";
import { testApp, testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { upsertQboConnection } from "../connections/repo/qbo-connections.ts";
import { createApp } from "../../http/app.tsx";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { JobQueue } from "../../queue/queue.ts";
import { jobCatalogue } from "../catalogue.ts";
import type { DatabaseHandle } from "../../db/kysely.ts";

const VERIFIER = "verifier-token-123";
const SECRET = "hubspot-client-secret";
const clock = new ManualClock("2026-07-01T12:00:00Z");

function appWithQueue(database: DatabaseHandle, queue: JobQueue) {
  return createApp({
    config: { dataDir: "memory://", publicUrl: "https://ll.example" },
    database,
    logger: silentLogger,
    clock,
    secrets: testSecrets,
    queue,
    intuitVerifierToken: VERIFIER,
    vendors: {
      hubspot: {
        clientId: "id",
        clientSecret: SECRET,
        redirectUri: "https://ll.example/oauth/hubspot/callback",
        authBaseUrl: "http://hs",
        apiBaseUrl: "http://hs",
        fetch,
        clock,
      },
    },
  });
}

const legacyBody = (realmId: string, id: string) =>
  JSON.stringify({
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: [{ name: "Invoice", id, operation: "Update", lastUpdated: "2026-07-01T11:59:00.000Z" }],
        },
      },
    ],
  });
const intuitSign = (body: string, token = VERIFIER) =>
  createHmac("sha256", token).update(body).digest("base64");

async function queued(db: DatabaseHandle, name: string): Promise<number> {
  const rows = await db.executeSql(
    `SELECT count(*)::int AS n FROM ${db.schema === "public" ? "" : `${db.schema}_`}pgboss.job WHERE name = $1`,
    [name],
  );
  return z.array(z.object({ n: z.number() })).parse(rows.rows)[0]!.n;
}

describeEachBackend("webhook intake: verified, kept once, one job per account", (db, backend) => {
  it("accepts a signed QuickBooks webhook once, enqueues one pull, and drops the replay", async () => {
    const queue = new JobQueue(db(), jobCatalogue, silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    try {
      const portal = await signedInPortal(db().db, "wh1", clock.now());
      await upsertQboConnection(
        db().db,
        {
          connectionId: "conn-wh1",
          portalId: portal.portalId,
          realmId: "4620816365000000001",
          companyName: "Craig's Design",
          country: "US",
          homeCurrency: "USD",
          multiCurrency: false,
          customTxnNumbers: false,
          accessToken: testSecrets.seal("a"),
          refreshToken: testSecrets.seal("r"),
          accessExpiresAt: clock.now(),
          refreshExpiresAt: clock.now(),
        },
        clock.now(),
      );
      const app = appWithQueue(db(), queue);
      const body = legacyBody("4620816365000000001", "130");
      const send = () =>
        app.request("/webhooks/qbo", {
          method: "POST",
          body,
          headers: { "intuit-signature": intuitSign(body), "content-type": "application/json" },
        });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200); // Intuit retries: same event, stored once
      const inbox = await db()
        .db.selectFrom("webhookInbox")
        .selectAll()
        .where("accountId", "=", "4620816365000000001")
        .execute();
      expect(inbox).toHaveLength(1);
      expect(await queued(db(), "pull-qbo-changes")).toBe(1);
    } finally {
      await queue.stop();
    }
  });

  it("refuses a forged QuickBooks webhook with 401 and stores nothing", async () => {
    const queue = new JobQueue(db(), jobCatalogue, silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    try {
      const app = appWithQueue(db(), queue);
      const body = legacyBody("999", "1");
      const forged = await app.request("/webhooks/qbo", {
        method: "POST",
        body,
        headers: { "intuit-signature": intuitSign(body, "wrong") },
      });
      expect(forged.status).toBe(401);
      const unsigned = await app.request("/webhooks/qbo", { method: "POST", body });
      expect(unsigned.status).toBe(401);
      const garbage = "not json";
      const malformed = await app.request("/webhooks/qbo", {
        method: "POST",
        body: garbage,
        headers: { "intuit-signature": intuitSign(garbage) },
      });
      expect(malformed.status).toBe(400);
      expect(
        await db().db.selectFrom("webhookInbox").selectAll().where("accountId", "=", "999").execute(),
      ).toEqual([]);
    } finally {
      await queue.stop();
    }
  });

  it("accepts a v3-signed HubSpot delivery and refuses a stale, future-dated or v1-only one", async () => {
    const queue = new JobQueue(db(), jobCatalogue, silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    try {
      await signedInPortal(db().db, "62515", clock.now());
      const app = appWithQueue(db(), queue);
      const body = JSON.stringify([
        {
          eventId: 100,
          subscriptionId: 7,
          portalId: 62515,
          appId: 1,
          occurredAt: clock.now().getTime() - 1000,
          subscriptionType: "contact.propertyChange",
          attemptNumber: 0,
          objectId: 123,
          propertyName: "email",
          propertyValue: "a@b.example",
          changeSource: "CRM",
        },
      ]);
      const sign = (timestamp: number) =>
        createHmac("sha256", SECRET)
          .update(`POSThttps://ll.example/webhooks/hubspot${body}${timestamp}`)
          .digest("base64");
      const fresh = clock.now().getTime();
      const ok = await app.request("/webhooks/hubspot", {
        method: "POST",
        body,
        headers: {
          "x-hubspot-signature-v3": sign(fresh),
          "x-hubspot-request-timestamp": String(fresh),
          "content-type": "application/json",
        },
      });
      expect(ok.status).toBe(200);
      expect(await queued(db(), "process-hubspot-events")).toBe(1);
      const old = fresh - 10 * 60_000;
      const stale = await app.request("/webhooks/hubspot", {
        method: "POST",
        body,
        headers: { "x-hubspot-signature-v3": sign(old), "x-hubspot-request-timestamp": String(old) },
      });
      expect(stale.status).toBe(401);
      const ahead = fresh + 10 * 60_000;
      const future = await app.request("/webhooks/hubspot", {
        method: "POST",
        body,
        headers: { "x-hubspot-signature-v3": sign(ahead), "x-hubspot-request-timestamp": String(ahead) },
      });
      expect(future.status).toBe(401);
      // A valid v1 alone is refused: it has no timestamp, so a captured delivery would replay forever.
      const v1 = createHash("sha256")
        .update(SECRET + body)
        .digest("hex");
      const legacy = await app.request("/webhooks/hubspot", {
        method: "POST",
        body,
        headers: { "x-hubspot-signature": v1, "x-hubspot-signature-version": "v1" },
      });
      expect(legacy.status).toBe(401);
      expect(
        await db().db.selectFrom("webhookInbox").selectAll().where("accountId", "=", "62515").execute(),
      ).toHaveLength(1);
    } finally {
      await queue.stop();
    }
  });

  it("answers 503, not 500, when webhooks are not configured", async () => {
    const res = await testApp(db(), clock).request("/webhooks/qbo", { method: "POST", body: "{}" });
    expect(res.status).toBe(503);
  });
});
