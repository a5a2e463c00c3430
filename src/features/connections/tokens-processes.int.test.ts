import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/db.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { upsertQboConnection } from "./repo/qbo-connections.ts";
import { listen } from "../../emulators/kit/serve.ts";
import { generateSecretKey, SecretBox } from "../../lib/crypto.ts";

const url = process.env.TEST_DATABASE_URL;
const script = fileURLToPath(new URL("../../../test/support/token-process.ts", import.meta.url));

/** An Intuit token endpoint that rotates strictly: a used refresh token is invalid_grant at once. */
function strictTokenEndpoint() {
  let current = "refresh-0";
  let calls = 0;
  const app = new Hono();
  app.post("/oauth2/v1/tokens/bearer", async (c) => {
    calls += 1;
    const form = new URLSearchParams(await c.req.text());
    if (form.get("refresh_token") !== current) return c.json({ error: "invalid_grant" }, 400);
    current = `refresh-${calls}`;
    return c.json({
      token_type: "bearer",
      access_token: `access-${calls}`,
      refresh_token: current,
      expires_in: 3600,
      x_refresh_token_expires_in: 8_726_400,
    });
  });
  return { app, calls: () => calls };
}

describe.skipIf(!url)("single-flight refresh across processes (A3) [postgres]", () => {
  it("50 concurrent refreshes in 2 processes make exactly 1 refresh call and no invalid_grant", async () => {
    const handle = await openTestDatabase({ kind: "postgres", databaseUrl: url });
    const endpoint = strictTokenEndpoint();
    const server = await listen(endpoint.app.fetch, 0);
    const key = generateSecretKey();
    const secrets = new SecretBox(key);
    try {
      const portal = await signedInPortal(handle.db, "race");
      await upsertQboConnection(
        handle.db,
        {
          connectionId: "conn-race",
          portalId: portal.portalId,
          realmId: "1",
          companyName: "Race Co",
          country: "US",
          homeCurrency: "USD",
          multiCurrency: false,
          customTxnNumbers: false,
          accessToken: secrets.seal("expired", "qbo:conn-race"),
          refreshToken: secrets.seal("refresh-0", "qbo:conn-race"),
          accessExpiresAt: new Date(Date.now() - 1000),
          refreshExpiresAt: new Date(Date.now() + 86_400_000),
        },
        new Date(),
      );
      const children = [0, 1].map(() =>
        spawn(
          process.execPath,
          ["--import", "tsx", script, url!, handle.schema, "conn-race", server.url, key, "25"],
          {
            stdio: ["pipe", "pipe", "inherit"],
          },
        ),
      );
      const outputs = children.map(
        (child) =>
          new Promise<{ ready: Promise<void>; tokens: Promise<string[]> }>((resolveOuter) => {
            let out = "";
            let markReady!: () => void;
            const ready = new Promise<void>((r) => (markReady = r));
            const tokens = new Promise<string[]>((resolve, reject) => {
              child.stdout!.on("data", (d: Buffer) => {
                out += d.toString();
                if (out.startsWith("ready\n")) markReady();
              });
              child.once("exit", (code) =>
                code === 0
                  ? resolve(JSON.parse(out.slice("ready\n".length)) as string[])
                  : reject(new Error(`exit ${code}`)),
              );
            });
            resolveOuter({ ready, tokens });
          }),
      );
      const started = await Promise.all(outputs);
      await Promise.all(started.map((s) => s.ready));
      for (const child of children) child.stdin!.write("go\n");
      const tokens = (await Promise.all(started.map((s) => s.tokens))).flat();
      expect(tokens).toHaveLength(50);
      expect(new Set(tokens)).toEqual(new Set(["access-1"]));
      expect(endpoint.calls()).toBe(1);
    } finally {
      await server.close();
      await handle.close();
    }
  });
});
