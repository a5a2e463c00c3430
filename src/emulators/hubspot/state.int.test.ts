import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../kit/index.ts";
import { createHubSpotEmulator } from "./app.ts";
import { TEST_START } from "./test-support.ts";

const request = (token: string, method: string, path: string, body?: unknown) =>
  new Request(`http://hubspot.test${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("--state FILE (X-HS)", () => {
  it("keeps portals, records, associations, properties, apps and tokens across a restart", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "hs-state-")), "hubspot.json");
    const clock = createEmulatorClock({ start: TEST_START, frozen: true });
    const first = createHubSpotEmulator({ clock, stateFile });
    const portalId = first.createPortal({ seed: "demo", companyCurrency: "JPY" });
    const { access_token: token, refresh_token } = first.issueToken(portalId);
    await first.fetch(
      new Request("http://hubspot.test/__emulator/apps", {
        method: "POST",
        body: JSON.stringify({
          clientId: "other",
          clientSecret: "s",
          redirectUris: ["https://app.example/cb"],
        }),
      }),
    );
    const created = await first.fetch(
      request(token, "POST", "/crm/v3/objects/contacts", { properties: { email: "kept@example.com" } }),
    );
    const { id } = (await created.json()) as { id: string };
    await first.fetch(
      request(token, "POST", "/crm/v3/properties/contacts", {
        name: "qbo_id",
        label: "QBO id",
        type: "string",
        fieldType: "text",
        groupName: "contactinformation",
        hasUniqueValue: true,
      }),
    );
    await first.fetch(
      request(token, "PATCH", `/crm/v3/objects/contacts/${id}`, { properties: { qbo_id: "Q1" } }),
    );
    const before = await (
      await first.fetch(request(token, "GET", "/crm/v3/objects/deals?limit=100&associations=line_items"))
    ).json();
    await first.close();

    const second = createHubSpotEmulator({ clock, stateFile });
    const read = await second.fetch(
      request(token, "GET", `/crm/v3/objects/contacts/Q1?idProperty=qbo_id&properties=email`),
    );
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, properties: { email: "kept@example.com" } });
    expect(
      await (
        await second.fetch(request(token, "GET", "/crm/v3/objects/deals?limit=100&associations=line_items"))
      ).json(),
    ).toEqual(before);
    expect(second.world.oauth.appByClientId("other")?.appId).toBe(2);
    expect(second.world.oauth.refreshGrant(refresh_token)?.portalId).toBe(portalId);
    const next = await second.fetch(
      request(token, "POST", "/crm/v3/objects/contacts", { properties: { email: "new@example.com" } }),
    );
    expect(Number(((await next.json()) as { id: string }).id)).toBeGreaterThan(Number(id));
    expect(second.createPortal()).toBe(portalId + 1);
    await second.close();
  });
});
