import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  parseHubSpotEvents,
  readHubSpotDelivery,
  uriForms,
  verifyHubSpotSignature,
  type SignedRequest,
} from "./webhooks.ts";

// Test vectors from docs/vendors/hubspot.md §7 (v1 and v2 match HubSpot's published examples; both are
// now refused, and kept to show that a valid legacy signature alone is not enough).
const secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const body =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const url = "https://www.example.com/webhook_uri";
const timestamp = "1564113600000";
const v3 = "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=";
const v1 = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de";
const v2 = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";

function request(headers: Record<string, string>, over: Partial<SignedRequest> = {}): SignedRequest {
  const h = new Headers(headers);
  return {
    method: "POST",
    url,
    rawBody: body,
    header: (name) => h.get(name),
    clientSecret: secret,
    now: new Date(Number(timestamp) + 60_000),
    ...over,
  };
}

const v3Headers = { "x-hubspot-signature-v3": v3, "x-hubspot-request-timestamp": timestamp };

describe("HubSpot signature", () => {
  it("accepts the v3 vector", () => {
    expect(verifyHubSpotSignature(request(v3Headers))).toEqual({ ok: true, value: { version: "v3" } });
  });

  it("refuses the v1 and v2 vectors: without a timestamp they would replay forever", () => {
    expect(verifyHubSpotSignature(request({ "x-hubspot-signature": v1 }))).toMatchObject({
      ok: false,
      error: { status: 401, reason: "unsupported_version" },
    });
    const v2Request = request(
      { "x-hubspot-signature": v2, "x-hubspot-signature-version": "v2" },
      { method: "GET", rawBody: "" },
    );
    expect(verifyHubSpotSignature(v2Request)).toMatchObject({
      ok: false,
      error: { status: 401, reason: "unsupported_version" },
    });
  });

  it.each([
    ["no signature at all", {}, {}, "missing_signature"],
    ["a forged v3", { ...v3Headers, "x-hubspot-signature-v3": v3.replace("D", "E") }, {}, "bad_signature"],
    ["a v3 signed with another secret", v3Headers, { clientSecret: "other" }, "bad_signature"],
    ["a v3 over another body", v3Headers, { rawBody: body.replace("123", "124") }, "bad_signature"],
    ["a v3 for another URL", v3Headers, { url: "https://evil.example/webhook_uri" }, "bad_signature"],
    ["a v3 without timestamp", { "x-hubspot-signature-v3": v3 }, {}, "missing_signature"],
    [
      "a v3 replayed after 5 minutes",
      v3Headers,
      { now: new Date(Number(timestamp) + 300_001) },
      "stale_timestamp",
    ],
    [
      "a v3 stamped more than 5 minutes ahead",
      v3Headers,
      { now: new Date(Number(timestamp) - 300_001) },
      "stale_timestamp",
    ],
    [
      "an unknown version",
      { "x-hubspot-signature": v1, "x-hubspot-signature-version": "v9" },
      {},
      "unsupported_version",
    ],
  ])("refuses %s with 401", (_name, headers, over, reason) => {
    expect(verifyHubSpotSignature(request(headers, over))).toMatchObject({
      ok: false,
      error: { status: 401, reason },
    });
  });

  it("accepts a v3 exactly 5 minutes old or 5 minutes ahead", () => {
    const old = request(v3Headers, { now: new Date(Number(timestamp) + 300_000) });
    expect(verifyHubSpotSignature(old).ok).toBe(true);
    const ahead = request(v3Headers, { now: new Date(Number(timestamp) - 300_000) });
    expect(verifyHubSpotSignature(ahead).ok).toBe(true);
  });

  it("accepts a URI signed either decoded (HubSpot's docs) or as sent (HubSpot's Node SDK)", () => {
    const sent = "https://app.example.com/webhooks/hubspot?portal=a%3Ab%40c&x=%2F";
    expect(uriForms(sent)).toEqual(["https://app.example.com/webhooks/hubspot?portal=a:b@c&x=/", sent]);
    for (const signedUri of uriForms(sent)) {
      const signature = createHmac("sha256", secret)
        .update(`POST${signedUri}${body}${timestamp}`)
        .digest("base64");
      const r = request(
        { "x-hubspot-signature-v3": signature, "x-hubspot-request-timestamp": timestamp },
        { url: sent },
      );
      expect(verifyHubSpotSignature(r).ok).toBe(true);
    }
  });

  it("verifies the raw bytes, not a re-serialised body", () => {
    const spaced = body.replace('"eventId":1', '"eventId": 1');
    expect(verifyHubSpotSignature(request(v3Headers, { rawBody: spaced })).ok).toBe(false);
    expect(verifyHubSpotSignature(request(v3Headers, { rawBody: new TextEncoder().encode(body) })).ok).toBe(
      true,
    );
  });
});

describe("HubSpot events", () => {
  it("parses the event array into our types, ids as strings", () => {
    const events = readHubSpotDelivery(request(v3Headers));
    expect(events).toEqual({
      ok: true,
      value: [
        {
          eventId: "1",
          portalId: "62515",
          appId: "54321",
          subscriptionType: "contact.creation",
          objectId: "123",
          changeSource: "CRM",
          attemptNumber: 0,
          occurredAt: new Date(1564113600000),
          dedupeKey: "62515:contact.creation:12345:123:1564113600000:1",
        },
      ],
    });
  });

  it("keeps property changes, merges and association changes", () => {
    const raw = JSON.stringify([
      {
        eventId: 2,
        subscriptionId: 25,
        portalId: 62515,
        appId: 54321,
        occurredAt: 1714560000000,
        subscriptionType: "deal.propertyChange",
        attemptNumber: 1,
        objectId: 512,
        propertyName: "dealstage",
        propertyValue: "closedwon",
        changeSource: "CRM_UI",
        sourceId: "userId:123456",
      },
      {
        eventId: 3,
        subscriptionId: 28,
        portalId: 62515,
        appId: 54321,
        occurredAt: 1714560000300,
        subscriptionType: "contact.merge",
        attemptNumber: 0,
        objectId: 201,
        changeSource: "CRM_UI",
        primaryObjectId: 201,
        mergedObjectIds: [202],
        newObjectId: 201,
        numberOfPropertiesMoved: 4,
      },
      {
        eventId: 4,
        subscriptionId: 27,
        portalId: 62515,
        appId: 54321,
        occurredAt: 1714560000200,
        subscriptionType: "contact.associationChange",
        attemptNumber: 0,
        changeSource: "USER",
        associationType: "CONTACT_TO_COMPANY",
        fromObjectId: 201,
        toObjectId: 301,
        associationRemoved: false,
        isPrimaryAssociation: false,
      },
    ]);
    const parsed = parseHubSpotEvents(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value[0]).toMatchObject({
      propertyName: "dealstage",
      propertyValue: "closedwon",
      sourceId: "userId:123456",
      attemptNumber: 1,
    });
    expect(parsed.value[1]).toMatchObject({ objectId: "201", mergedObjectIds: ["202"] });
    expect(parsed.value[2]).toMatchObject({
      fromObjectId: "201",
      toObjectId: "301",
      associationRemoved: false,
    });
  });

  it("gives a retried event the same dedupe key, and another event another", () => {
    const event = {
      eventId: 9,
      subscriptionId: 1,
      portalId: 5,
      appId: 6,
      occurredAt: 100,
      subscriptionType: "deal.deletion",
      objectId: 7,
    };
    const keys = (raw: object[]) => {
      const parsed = parseHubSpotEvents(JSON.stringify(raw));
      return parsed.ok ? parsed.value.map((e) => e.dedupeKey) : [];
    };
    const [first, retry, other] = keys([
      { ...event, attemptNumber: 0 },
      { ...event, attemptNumber: 3 },
      { ...event, attemptNumber: 0, objectId: 8 },
    ]);
    expect(retry).toBe(first);
    expect(other).not.toBe(first);
  });

  it.each([
    ["not JSON", "[{"],
    ["not an array", '{"eventId":1}'],
    [
      "an event without eventId",
      '[{"portalId":1,"appId":2,"occurredAt":3,"subscriptionType":"x","attemptNumber":0}]',
    ],
    [
      "a text occurredAt",
      '[{"eventId":1,"portalId":1,"appId":2,"occurredAt":"yesterday","subscriptionType":"x","attemptNumber":0}]',
    ],
  ])("refuses %s with 400", (_name, raw) => {
    expect(parseHubSpotEvents(raw)).toMatchObject({ ok: false, error: { status: 400, reason: "malformed" } });
  });

  it("does not parse a body whose signature failed", () => {
    const r = request({ "x-hubspot-signature": "00" }, { rawBody: "[{" });
    expect(readHubSpotDelivery(r)).toMatchObject({ ok: false, error: { status: 401 } });
  });
});
