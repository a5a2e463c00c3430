import { Signature } from "@hubspot/api-client";
import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../../kit/index.ts";
import { testPortal } from "../test-support.ts";
import { createHubSpotExtensions } from "./index.ts";
import { signatureV1, signatureV2, signatureV3 } from "./signatures.ts";

type Json = Record<string, unknown>;
const secret = "ledgerlink-dev-secret";
const dev = (path: string) => `${path}${path.includes("?") ? "&" : "?"}hapikey=ledgerlink-dev-hapikey`;

/** A webhook receiver in-process: records each POST, answers with the scripted statuses. */
function receiver(statuses: number[] = []) {
  const got: Array<{ url: string; body: string; headers: Headers }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    got.push({ url: req.url, body: await req.text(), headers: req.headers });
    return new Response(null, { status: statuses.shift() ?? 200 });
  }) as typeof globalThis.fetch;
  return { got, fetch };
}

async function subscribe(
  call: ReturnType<typeof testPortal>["call"],
  eventType: string,
  propertyName?: string,
) {
  const res = await call("POST", dev("/webhooks/v3/1/subscriptions"), {
    eventType,
    ...(propertyName ? { propertyName } : {}),
  });
  expect(res.status).toBe(201);
}

/** X-HS webhooks: the developer API, batching, signatures, retries and change sources. */
describe("HubSpot emulator webhooks (X-HS)", () => {
  it("matches the signature vectors of docs/vendors/hubspot.md §7", () => {
    const s = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    const body =
      '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
    expect(signatureV1(s, body)).toBe("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    expect(signatureV2(s, "GET", "https://www.example.com/webhook_uri", "")).toBe(
      "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
    );
    expect(signatureV3(s, "POST", "https://www.example.com/webhook_uri", body, 1564113600000)).toBe(
      "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=",
    );
  });

  it("delivers signed batches that @hubspot/api-client's Signature accepts", async () => {
    const hook = receiver();
    // Signature.isValid refuses timestamps older than 5 minutes of real time: sign at "now".
    const clock = createEmulatorClock({ frozen: true });
    const p = testPortal({
      clock,
      rateLimits: false,
      fetch: hook.fetch,
      extensions: createHubSpotExtensions,
    });
    const target = "https://ledgerlink.example/webhooks/hubspot";
    expect((await p.call("PUT", dev("/webhooks/v3/1/settings"), { targetUrl: target })).status).toBe(200);
    await subscribe(p.call, "contact.creation");
    await subscribe(p.call, "contact.propertyChange", "email");
    const inputs = Array.from({ length: 120 }, (_, i) => ({ properties: { email: `c${i}@example.com` } }));
    await p.call("POST", "/crm/v3/objects/contacts/batch/create", { inputs: inputs.slice(0, 100) });
    await p.call("POST", "/crm/v3/objects/contacts/batch/create", { inputs: inputs.slice(100) });
    await p.emulator.webhooks.flush();

    expect(hook.got.length).toBeGreaterThanOrEqual(2);
    const events = hook.got.flatMap((g) => JSON.parse(g.body) as Json[]);
    for (const g of hook.got) {
      expect((JSON.parse(g.body) as Json[]).length).toBeLessThanOrEqual(100);
      expect(
        Signature.isValid({
          signatureVersion: "v3",
          signature: g.headers.get("x-hubspot-signature-v3")!,
          clientSecret: secret,
          requestBody: g.body,
          url: g.url,
          method: "POST",
          timestamp: Number(g.headers.get("x-hubspot-request-timestamp")),
        }),
      ).toBe(true);
      expect(
        Signature.isValid({
          signatureVersion: "v1",
          signature: g.headers.get("x-hubspot-signature")!,
          clientSecret: secret,
          requestBody: g.body,
        }),
      ).toBe(true);
    }
    const creations = events.filter((e) => e.subscriptionType === "contact.creation");
    expect(creations).toHaveLength(120);
    expect(creations[0]).toMatchObject({
      portalId: p.portalId,
      appId: 1,
      changeFlag: "CREATED",
      attemptNumber: 0,
      changeSource: "INTEGRATION",
      sourceId: "1",
    });
    expect(typeof creations[0]!.occurredAt).toBe("number");
  });

  it("sends propertyChange only for the subscribed property, and retries failures on the emulator clock", async () => {
    const hook = receiver([500]);
    const p = testPortal({ rateLimits: false, fetch: hook.fetch, extensions: createHubSpotExtensions });
    const deal = (await (
      await p.call("POST", "/crm/v3/objects/deals", {
        properties: { dealname: "D", dealstage: "appointmentscheduled", pipeline: "default" },
      })
    ).json()) as Json;
    await p.call("PUT", dev("/webhooks/v3/1/settings"), { targetUrl: "https://ll.example/hook" });
    await subscribe(p.call, "deal.propertyChange", "dealstage");
    await p.call("PATCH", `/crm/v3/objects/deals/${String(deal.id)}`, {
      properties: { dealname: "Renamed" },
    });
    await p.call("PATCH", `/crm/v3/objects/deals/${String(deal.id)}`, {
      properties: { dealstage: "closedwon" },
    });
    await p.emulator.webhooks.flush();
    expect(hook.got).toHaveLength(1);
    const [event] = JSON.parse(hook.got[0]!.body) as Json[];
    expect(event).toMatchObject({
      subscriptionType: "deal.propertyChange",
      propertyName: "dealstage",
      propertyValue: "closedwon",
    });
    await p.emulator.webhooks.flush();
    expect(hook.got).toHaveLength(1);
    p.emulator.clock.advance(10 * 60_000);
    await p.emulator.webhooks.flush();
    expect(hook.got).toHaveLength(2);
    expect(p.emulator.webhooks.list().at(-1)).toMatchObject({ state: "delivered" });
    // The retry says which attempt it is, and its v1 signature covers that body.
    const retried = hook.got[1]!;
    expect((JSON.parse(retried.body) as Json[])[0]).toMatchObject({
      attemptNumber: 1,
      propertyValue: "closedwon",
    });
    expect(retried.headers.get("x-hubspot-signature")).toBe(signatureV1(secret, retried.body));
  });

  it("guards the developer API and validates subscriptions with HubSpot's error body", async () => {
    const p = testPortal({ rateLimits: false, extensions: createHubSpotExtensions });
    const noKey = await p.call("GET", "/webhooks/v3/1/subscriptions");
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ status: "error", category: "INVALID_AUTHENTICATION" });
    const bad = await p.call("POST", dev("/webhooks/v3/1/subscriptions"), {
      eventType: "deal.propertyChange",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    await subscribe(p.call, "deal.creation");
    const list = (await (await p.call("GET", dev("/webhooks/v3/1/subscriptions"))).json()) as {
      results: Json[];
    };
    const id = list.results[0]!.id as number;
    const off = await p.call("POST", dev("/webhooks/v3/1/subscriptions/batch/update"), {
      inputs: [{ id, active: false }],
    });
    expect(await off.json()).toMatchObject({ status: "COMPLETE", results: [{ id, active: false }] });
    expect((await p.call("DELETE", dev(`/webhooks/v3/1/subscriptions/${id}`))).status).toBe(204);
  });
});
