import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../kit/index.ts";
import { createQboEmulator } from "./app.ts";
import { intuitSignature } from "./notifications.ts";
import { startQboEmulator } from "./server.ts";

describe("QBO emulator server (X-QB)", () => {
  it("keeps companies, apps and tokens across a restart with --state", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "qbo-state-")), "qbo.json");
    const first = await startQboEmulator({ port: 0, stateFile, rateLimits: false });
    const post = (url: string, path: string, body: unknown) =>
      fetch(`${url}/__emulator${path}`, { method: "POST", body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<Record<string, string>>,
      );
    const { realmId } = await post(first.url, "/companies", { name: "Kept Co", country: "GB", seed: "demo" });
    const token = await post(first.url, "/tokens", { realmId });
    expect((await fetch(`${first.url}/__emulator/health`)).status).toBe(200);
    await first.close();

    const second = await startQboEmulator({ port: 0, stateFile, rateLimits: false });
    try {
      const res = await fetch(
        `${second.url}/v3/company/${realmId}/query?query=select%20count(*)%20from%20Invoice`,
        {
          headers: { authorization: `Bearer ${token.access_token}` },
        },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { QueryResponse: { totalCount: number } };
      expect(body.QueryResponse.totalCount).toBeGreaterThanOrEqual(6);
    } finally {
      await second.close();
    }
  });
});

describe("QBO emulator webhook retries across a restart (X-QB)", () => {
  it("keeps a failed delivery and retries it, signed, after the restart", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "qbo-hooks-")), "qbo.json");
    const clock = createEmulatorClock({ start: "2026-05-02T17:00:00Z", frozen: true });
    const got: Array<{ body: string; signature: string | null }> = [];
    let status = 503;
    const fetch = (async (_u: RequestInfo | URL, init?: RequestInit) => {
      got.push({ body: String(init?.body), signature: new Headers(init?.headers).get("intuit-signature") });
      return new Response(null, { status });
    }) as typeof globalThis.fetch;
    const call = (e: ReturnType<typeof createQboEmulator>, path: string, body: unknown, token?: string) =>
      e.fetch(
        new Request(`http://q${path}`, {
          method: "POST",
          headers: token ? { authorization: `Bearer ${token}`, "content-type": "application/json" } : {},
          body: JSON.stringify(body),
        }),
      );
    const first = createQboEmulator({ clock, stateFile, rateLimits: false, fetch });
    const { realmId } = (await (
      await call(first, "/__emulator/companies", { name: "H", country: "US" })
    ).json()) as {
      realmId: string;
    };
    await call(first, "/__emulator/apps", {
      clientId: "ledgerlink-dev",
      clientSecret: "ledgerlink-dev-secret",
      redirectUris: [],
      webhookUrl: "http://hook.test/qbo",
      verifierToken: "v-1",
    });
    const { access_token } = (await (await call(first, "/__emulator/tokens", { realmId })).json()) as {
      access_token: string;
    };
    await call(first, `/v3/company/${realmId}/customer`, { DisplayName: "Retried" }, access_token);
    await first.world.webhooks.flush();
    expect(got).toHaveLength(1);
    first.close();

    const second = createQboEmulator({ clock, stateFile, rateLimits: false, fetch });
    status = 200;
    clock.advance(10_000);
    await second.world.webhooks.flush();
    expect(got).toHaveLength(2);
    expect(got[1]!.body).toBe(got[0]!.body);
    expect(got[1]!.signature).toBe(intuitSignature("v-1", got[1]!.body));
    expect(second.world.webhooks.list()[0]).toMatchObject({ state: "delivered" });
    second.close();
  });
});
