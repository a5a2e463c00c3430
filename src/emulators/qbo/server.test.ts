import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
