import { describe, expect, it } from "vitest";
import { fetchVia } from "../../../test/support/engine.ts";
import { createEmulatorClock } from "../../emulators/kit/index.ts";
import { createQboEmulator } from "../../emulators/qbo/app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { ok } from "../../lib/result.ts";
import { createHttpClient } from "../http-client.ts";
import { classify } from "./errors.ts";
import { createEntity, readEntity, requestIdFor, updateEntity } from "./write.ts";

async function connected() {
  const emulator = createQboEmulator({ clock: createEmulatorClock({ frozen: true }), rateLimits: false });
  const control = async (p: string, body: unknown) =>
    (await (
      await emulator.fetch(new Request(`http://q${p}`, { method: "POST", body: JSON.stringify(body) }))
    ).json()) as Record<string, string>;
  const { realmId } = await control("/__emulator/companies", { name: "W", country: "US" });
  const token = await control("/__emulator/tokens", { realmId });
  const clock = new ManualClock();
  const http = createHttpClient({
    fetch: fetchVia(emulator.fetch),
    baseUrl: `http://q/v3/company/${realmId}`,
    classify,
    clock,
    sleep: async (ms) => clock.advance(ms),
    headers: () =>
      Promise.resolve(ok({ authorization: `Bearer ${token.access_token}`, accept: "application/json" })),
  });
  return { emulator, http };
}

describe("QBO writes (A3, idempotent by requestid)", () => {
  it("derives the same requestid from the same purpose, under QBO's 50 characters", () => {
    expect(requestIdFor("invoice", "deal-1")).toBe(requestIdFor("invoice", "deal-1"));
    expect(requestIdFor("invoice", "deal-1")).not.toBe(requestIdFor("invoice", "deal-2"));
    expect(requestIdFor("x").length).toBeLessThanOrEqual(50);
  });

  it("a retried create writes once: QBO replays the first answer", async () => {
    const { http } = await connected();
    const id = requestIdFor("customer", "hubspot-contact-7");
    const first = await createEntity(http, "Customer", { DisplayName: "Once Only" }, id);
    const again = await createEntity(http, "Customer", { DisplayName: "Once Only" }, id);
    expect(first.ok && again.ok && first.value.Id === again.value.Id).toBe(true);
  });

  it("on 5010 re-reads and re-applies the change to the fresh copy", async () => {
    const { http } = await connected();
    const created = await createEntity(
      http,
      "Customer",
      { DisplayName: "Raced", Notes: "a" },
      requestIdFor("c", "raced"),
    );
    if (!created.ok) throw new Error(created.error.message);
    // Someone else updates it first: our copy's SyncToken is now stale.
    const other = await updateEntity(http, "Customer", created.value, () => ({ Notes: "theirs" }), "other");
    expect(other.ok).toBe(true);
    const ours = await updateEntity(
      http,
      "Customer",
      created.value,
      () => ({ CompanyName: "Ours Ltd" }),
      "ours",
    );
    if (!ours.ok) throw new Error(ours.error.message);
    expect(ours.value).toMatchObject({ CompanyName: "Ours Ltd", Notes: "theirs", SyncToken: "2" });
    const read = await readEntity(http, "Customer", created.value.Id);
    expect(read.ok && read.value.SyncToken).toBe("2");
  });
});
