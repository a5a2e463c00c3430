import { Signature } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type RunningServer } from "../../kit/index.ts";
import { createHubSpotExtensions } from "./index.ts";
import { HUBSPOT_USER_AGENT } from "./signatures.ts";
import { TEST_APP, TEST_HAPIKEY, createTestCore } from "./test-core.ts";

type Event = Record<string, unknown>;
interface Received {
  url: string;
  body: string;
  headers: Headers;
}

/** Webhooks against the fake core: delivery, batching, signatures and retries through the kit. */
describe("webhook delivery (fake core) (X-HS)", () => {
  const received: Received[] = [];
  let statuses: number[] = [];
  let target: RunningServer;
  beforeAll(async () => {
    target = await listen(async (req) => {
      received.push({ url: req.url, body: await req.text(), headers: req.headers });
      return new Response(null, { status: statuses.shift() ?? 204 });
    }, 0);
  });
  afterAll(() => target.close());

  async function setup(subscriptions: Array<{ eventType: string; propertyName?: string; active?: boolean }>) {
    received.length = 0;
    statuses = [];
    const core = createTestCore();
    core.addPortal(62515);
    core.addPortal(62516);
    const ext = createHubSpotExtensions(core);
    const dev = (path: string, method: string, body: unknown) =>
      ext.routes.request(`${path}?hapikey=${TEST_HAPIKEY}`, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await dev("/webhooks/v3/1/settings", "PUT", { targetUrl: `${target.url}/hooks` })).status).toBe(
      200,
    );
    for (const sub of subscriptions)
      expect((await dev("/webhooks/v3/1/subscriptions", "POST", sub)).status).toBe(201);
    const deliver = async () => {
      // Changes are batched once the code that made them has finished (a microtask later).
      await Promise.resolve();
      await core.webhooks.flush();
      return received.map((r) => JSON.parse(r.body) as Event[]);
    };
    return { core, ext, deliver };
  }

  it("signs every POST so @hubspot/api-client's Signature accepts v3 and v1", async () => {
    const { core, deliver } = await setup([{ eventType: "contact.creation" }]);
    core.createRecord(62515, "contacts", { email: "a@b.test" });
    await deliver();
    const got = received[0]!;
    expect(got.url).toBe(`${target.url}/hooks`);
    const timestamp = Number(got.headers.get("x-hubspot-request-timestamp"));
    const v3 = {
      signatureVersion: "v3",
      signature: got.headers.get("x-hubspot-signature-v3") ?? "",
      clientSecret: TEST_APP.clientSecret,
      requestBody: got.body,
      url: got.url,
      method: "POST",
      timestamp,
    };
    expect(Signature.isValid(v3)).toBe(true);
    expect(Signature.isValid({ ...v3, clientSecret: "someone-else" })).toBe(false);
    expect(got.headers.get("x-hubspot-signature-version")).toBe("v1");
    expect(
      Signature.isValid({
        signatureVersion: "v1",
        signature: got.headers.get("x-hubspot-signature") ?? "",
        clientSecret: TEST_APP.clientSecret,
        requestBody: got.body,
      }),
    ).toBe(true);
    expect(timestamp).toBe(core.clock.now().getTime());
    expect(got.headers.get("user-agent")).toBe(HUBSPOT_USER_AGENT);
    expect(got.headers.get("content-type")).toBe("application/json");
  });

  it("batches at most 100 events per POST, one app's events of one portal together", async () => {
    const { core, deliver } = await setup([{ eventType: "contact.creation" }]);
    for (let i = 0; i < 150; i++) core.createRecord(62515, "contacts", { email: `c${i}@b.test` });
    core.createRecord(62516, "contacts", { email: "other@portal.test" });
    const batches = await deliver();
    expect(batches.map((b) => b.length)).toEqual([100, 50, 1]);
    expect(batches[2]![0]).toMatchObject({ portalId: 62516 });
    const ids = batches.flat().map((e) => e.eventId);
    expect(new Set(ids).size).toBe(151);
    expect(batches[0]![0]).toMatchObject({
      subscriptionType: "contact.creation",
      portalId: 62515,
      appId: 1,
      attemptNumber: 0,
      changeFlag: "CREATED",
      changeSource: "INTEGRATION",
      sourceId: "1",
      occurredAt: core.clock.now().getTime(),
    });
    expect(typeof batches[0]![0]!.objectId).toBe("number");
  });

  it("sends propertyChange only for subscribed properties, with the change source", async () => {
    const { core, deliver } = await setup([
      { eventType: "deal.propertyChange", propertyName: "dealstage" },
      { eventType: "deal.propertyChange", propertyName: "amount", active: false },
    ]);
    const deal = core.createRecord(62515, "deals", {
      dealname: "D",
      dealstage: "appointmentscheduled",
      amount: "1",
    });
    core.updateRecord(
      62515,
      "deals",
      deal.id,
      { dealname: "Renamed", amount: "2", dealstage: "closedwon" },
      "CRM_UI",
    );
    const events = (await deliver()).flat();
    expect(events.map((e) => [e.propertyName, e.propertyValue, e.changeSource])).toEqual([
      ["dealstage", "appointmentscheduled", "INTEGRATION"],
      ["dealstage", "closedwon", "CRM_UI"],
    ]);
    expect(events[1]).not.toHaveProperty("sourceId");
  });

  it("reports deletions and both directions of an association", async () => {
    const { core, deliver } = await setup([
      { eventType: "deal.associationChange" },
      { eventType: "contact.associationChange" },
      { eventType: "contact.deletion" },
    ]);
    const deal = core.createRecord(62515, "deals", { dealname: "D" });
    const contact = core.createRecord(62515, "contacts", { email: "x@y.test" });
    core.associate(62515, ["deals", deal.id], ["contacts", contact.id], 3);
    core.deleteRecord(62515, "contacts", contact.id);
    const events = (await deliver()).flat();
    expect(events).toEqual([
      expect.objectContaining({
        subscriptionType: "deal.associationChange",
        associationType: "DEAL_TO_CONTACT",
        fromObjectId: Number(deal.id),
        toObjectId: Number(contact.id),
        associationRemoved: false,
      }),
      expect.objectContaining({
        subscriptionType: "contact.associationChange",
        associationType: "CONTACT_TO_DEAL",
      }),
      expect.objectContaining({
        subscriptionType: "contact.deletion",
        objectId: Number(contact.id),
        changeFlag: "DELETED",
      }),
    ]);
  });

  it("retries a failed delivery on the emulator clock's schedule", async () => {
    const { core, deliver } = await setup([{ eventType: "contact.creation" }]);
    statuses = [500, 503];
    core.createRecord(62515, "contacts", { email: "a@b.test" });
    await deliver();
    expect(core.webhooks.list()[0]).toMatchObject({ state: "pending", attempts: [{ status: 500 }] });
    await core.webhooks.flush();
    expect(received).toHaveLength(1);
    core.clock.advance(60_000);
    await core.webhooks.flush();
    core.clock.advance(300_000);
    await core.webhooks.flush();
    expect(received).toHaveLength(3);
    // The same events each time, numbered by attempt as HubSpot's payload is.
    const attempts = received.map((r) => JSON.parse(r.body) as Array<Record<string, unknown>>);
    expect(attempts.map((events) => events.map((e) => e.attemptNumber))).toEqual([[0], [1], [2]]);
    expect(
      new Set(attempts.map((events) => JSON.stringify(events.map(({ attemptNumber: _a, ...e }) => e)))).size,
    ).toBe(1);
    expect(core.webhooks.list()[0]).toMatchObject({ state: "delivered" });
    // Each attempt is signed afresh with its own timestamp.
    expect(received.map((r) => Number(r.headers.get("x-hubspot-request-timestamp")))).toEqual(
      [0, 60_000, 360_000].map((d) => core.clock.now().getTime() - 360_000 + d),
    );
  });

  it("keeps settings and subscriptions across snapshot and restore", async () => {
    const { core, ext, deliver } = await setup([{ eventType: "contact.creation" }]);
    const saved = JSON.parse(JSON.stringify(ext.snapshot()));
    ext.reset();
    core.createRecord(62515, "contacts", { email: "lost@b.test" });
    expect(await deliver()).toEqual([]);
    ext.restore(saved);
    core.createRecord(62515, "contacts", { email: "kept@b.test" });
    expect((await deliver()).flat()).toHaveLength(1);
  });
});
