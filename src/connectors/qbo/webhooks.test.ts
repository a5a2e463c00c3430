import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseQboDelivery, parseTime, readQboDelivery, verifyIntuitSignature } from "./webhooks.ts";

// Intuit's own SDK test vector (docs/vendors/quickbooks.md §7.3).
const verifier = "00faeec4-08d0-4996-bb37-698ae19f0149";
const legacy =
  '{"eventNotifications":[{"realmId":"1269959970","dataChangeEvent":{"entities":[{"name":"Vendor","id":"40","operation":"Update","lastUpdated":"2016-10-05T03:09:04.000Z"},{"name":"Customer","id":"43","operation":"Create","lastUpdated":"2016-10-05T03:07:04.000Z"}]}}]}';
const signature = "6q+xGyMirJupwKTh2/WBl2NcdxzxqdIbk3sneKTxLWM=";
const receivedAt = new Date("2026-01-15T12:00:00.000Z");
const sign = (body: string) => createHmac("sha256", verifier).update(body).digest("base64");

const cloudEvents = JSON.stringify([
  {
    specversion: "1.0",
    id: "88cd52aa-33b6-4351-9aa4-47572edbd068",
    source: "intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=",
    type: "qbo.invoice.updated.v1",
    datacontenttype: "application/json",
    time: "2025-09-10T21:31:25.179851517Z",
    intuitentityid: "1234",
    intuitaccountid: "310687",
    data: {},
  },
  {
    specversion: "1.0",
    id: "e2",
    type: "qbo.customer.merged.v1",
    time: "2025-09-10T21:31:26Z",
    intuitentityid: "7",
    intuitaccountid: "999",
    data: { deletedid: "27" },
  },
  {
    specversion: "1.0",
    id: "e3",
    type: "qbo.creditmemo.voided.v1",
    intuitentityid: "8",
    intuitaccountid: "999",
  },
  {
    specversion: "1.0",
    id: "e4",
    type: "qbo.invoice.archived.v2",
    intuitentityid: "9",
    intuitaccountid: "999",
  },
]);

describe("intuit-signature", () => {
  it("accepts Intuit's SDK test vector", () => {
    expect(verifyIntuitSignature(legacy, signature, verifier)).toEqual({ ok: true, value: undefined });
    expect(verifyIntuitSignature(new TextEncoder().encode(legacy), signature, verifier).ok).toBe(true);
  });

  it.each([
    ["no header", legacy, undefined, "missing_signature"],
    ["an empty header", legacy, "", "missing_signature"],
    ["a forged signature", legacy, signature.replace("6q", "7q"), "bad_signature"],
    ["a truncated signature", legacy, signature.slice(0, 20), "bad_signature"],
    ["not base64 at all", legacy, "!!!", "bad_signature"],
    ["a body changed after signing", legacy.replace('"40"', '"41"'), signature, "bad_signature"],
    [
      "the signature of a re-serialised body",
      JSON.stringify(JSON.parse(legacy), null, 1),
      signature,
      "bad_signature",
    ],
  ])("refuses %s with 401", (_name, body, sig, reason) => {
    expect(verifyIntuitSignature(body, sig, verifier)).toMatchObject({
      ok: false,
      error: { status: 401, reason },
    });
  });

  it("refuses a signature made with another verifier token", () => {
    const other = createHmac("sha256", "someone-else").update(legacy).digest("base64");
    expect(verifyIntuitSignature(legacy, other, verifier).ok).toBe(false);
  });
});

describe("QBO webhook payloads", () => {
  it("reads the legacy eventNotifications payload", () => {
    expect(readQboDelivery({ rawBody: legacy, signature, verifierToken: verifier, receivedAt })).toEqual({
      ok: true,
      value: [
        {
          realmId: "1269959970",
          entity: "Vendor",
          entityId: "40",
          operation: "Update",
          occurredAt: new Date("2016-10-05T03:09:04.000Z"),
          dedupeKey: "legacy:1269959970:Vendor:40:Update:2016-10-05T03:09:04.000Z",
        },
        {
          realmId: "1269959970",
          entity: "Customer",
          entityId: "43",
          operation: "Create",
          occurredAt: new Date("2016-10-05T03:07:04.000Z"),
          dedupeKey: "legacy:1269959970:Customer:43:Create:2016-10-05T03:07:04.000Z",
        },
      ],
    });
  });

  it("keeps a legacy merge's deletedId and parses the docs' offset format", () => {
    const body = JSON.stringify({
      eventNotifications: [
        {
          realmId: "1185883450",
          dataChangeEvent: {
            entities: [
              {
                name: "Customer",
                id: "7",
                operation: "Merge",
                lastUpdated: "2015-10-05T14:42:19-0700",
                deletedId: "9",
              },
            ],
          },
        },
      ],
    });
    const res = readQboDelivery({
      rawBody: body,
      signature: sign(body),
      verifierToken: verifier,
      receivedAt,
    });
    expect(res).toMatchObject({
      ok: true,
      value: [{ operation: "Merge", deletedId: "9", occurredAt: new Date("2015-10-05T21:42:19.000Z") }],
    });
  });

  it("reads the CloudEvents array, several realms, unknown verbs kept as Other", () => {
    const res = readQboDelivery({
      rawBody: cloudEvents,
      signature: sign(cloudEvents),
      verifierToken: verifier,
      receivedAt,
    });
    expect(res).toEqual({
      ok: true,
      value: [
        {
          realmId: "310687",
          entity: "Invoice",
          entityId: "1234",
          operation: "Update",
          occurredAt: new Date("2025-09-10T21:31:25.179Z"),
          dedupeKey: "cloudevent:88cd52aa-33b6-4351-9aa4-47572edbd068",
        },
        {
          realmId: "999",
          entity: "Customer",
          entityId: "7",
          operation: "Merge",
          occurredAt: new Date("2025-09-10T21:31:26Z"),
          deletedId: "27",
          dedupeKey: "cloudevent:e2",
        },
        {
          realmId: "999",
          entity: "CreditMemo",
          entityId: "8",
          operation: "Void",
          occurredAt: receivedAt,
          dedupeKey: "cloudevent:e3",
        },
        {
          realmId: "999",
          entity: "Invoice",
          entityId: "9",
          operation: "Other",
          occurredAt: receivedAt,
          dedupeKey: "cloudevent:e4",
        },
      ],
    });
  });

  it.each([
    ["not JSON", "{"],
    ["an object without eventNotifications", '{"hello":1}'],
    [
      "a legacy entity without id",
      '{"eventNotifications":[{"realmId":"1","dataChangeEvent":{"entities":[{"name":"Invoice","operation":"Create"}]}}]}',
    ],
    [
      "a CloudEvent with a foreign type",
      '[{"specversion":"1.0","id":"x","type":"com.example.thing","intuitentityid":"1","intuitaccountid":"2"}]',
    ],
    [
      "a CloudEvent without realm",
      '[{"specversion":"1.0","id":"x","type":"qbo.invoice.created.v1","intuitentityid":"1"}]',
    ],
    ["an array of something else", "[1,2]"],
  ])("refuses %s with 400", (_name, body) => {
    expect(parseQboDelivery(body, receivedAt)).toMatchObject({
      ok: false,
      error: { status: 400, reason: "malformed" },
    });
  });

  it("never parses a body whose signature failed", () => {
    expect(
      readQboDelivery({ rawBody: "{", signature: "AAAA", verifierToken: verifier, receivedAt }),
    ).toMatchObject({
      ok: false,
      error: { status: 401 },
    });
  });

  it.each([
    ["2015-10-05T14:42:19-0700", "2015-10-05T21:42:19.000Z"],
    ["2016-10-05T03:09:04.000Z", "2016-10-05T03:09:04.000Z"],
    ["2025-09-10T21:31:25.179851517Z", "2025-09-10T21:31:25.179Z"],
    ["2026-05-02T12:00:00.000-07:00", "2026-05-02T19:00:00.000Z"],
  ])("parses Intuit's time %s", (text, iso) => {
    expect(parseTime(text)?.toISOString()).toBe(iso);
  });

  it("leaves an unreadable time to the caller's fallback", () => {
    expect(parseTime("last tuesday")).toBeUndefined();
    expect(parseTime(undefined)).toBeUndefined();
  });
});
