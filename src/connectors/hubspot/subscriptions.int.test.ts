import { describe, expect, it } from "vitest";
import { createHubSpotEmulator } from "../../emulators/hubspot/app.ts";
import { createEmulatorClock } from "../../emulators/kit/index.ts";
import { webhookSubscriptionsApi, type HubSpotSubscription } from "./subscriptions.ts";

/** The reconcile against the emulator's Webhooks v3 developer API (in process). */
describe("webhookSubscriptionsApi.reconcile", () => {
  const setup = () => {
    const emulator = createHubSpotEmulator({ clock: createEmulatorClock() });
    const base = "http://hubspot.test";
    const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) =>
      Promise.resolve(emulator.fetch(new Request(input, init)))) as typeof fetch;
    const api = webhookSubscriptionsApi({
      fetch: fetchFn,
      apiBaseUrl: base,
      appId: "1",
      developerApiKey: "ledgerlink-dev-hapikey",
    });
    const raw = (path: string, method: string, body?: unknown) =>
      fetchFn(`${base}/webhooks/v3/1/subscriptions${path}?hapikey=ledgerlink-dev-hapikey`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    return { api, raw };
  };
  const key = (s: HubSpotSubscription) => `${s.eventType}:${s.propertyName ?? ""}`;

  it("creates the missing, deletes the unwanted and duplicates, re-activates the paused; a rerun changes nothing", async () => {
    const { api, raw } = setup();
    await raw("", "POST", { eventType: "contact.propertyChange", propertyName: "phone" });
    await raw("", "POST", { eventType: "contact.propertyChange", propertyName: "phone" }); // a race's duplicate
    await raw("", "POST", { eventType: "contact.propertyChange", propertyName: "jobtitle" }); // unmapped since
    const paused = (await (
      await raw("", "POST", { eventType: "contact.creation", active: false })
    ).json()) as { id: number };
    const wanted: HubSpotSubscription[] = [
      { eventType: "contact.creation" },
      { eventType: "contact.propertyChange", propertyName: "phone" },
      { eventType: "contact.propertyChange", propertyName: "lastname" },
    ];
    expect(await api.reconcile(wanted)).toEqual({ added: 1, removed: 2 });
    const after = await api.list();
    expect(after.map(key).sort()).toEqual(wanted.map(key).sort());
    expect(after.every((s) => s.active)).toBe(true);
    expect(after.find((s) => s.id === paused.id)?.active).toBe(true);
    expect(await api.reconcile(wanted)).toEqual({ added: 0, removed: 0 });
  });

  it("says what HubSpot refused", async () => {
    const { api } = setup();
    await expect(api.reconcile([{ eventType: "invoice.propertyChange", propertyName: "x" }])).rejects.toThrow(
      /400/,
    );
  });
});
