import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * QBO webhook intake (docs/vendors/quickbooks.md §7): verify `intuit-signature` on the raw bytes, then read
 * either payload Intuit sends — the legacy `eventNotifications` object or the CloudEvents array
 * (mandatory from 2026) — into one list. Payloads carry ids only; the engine re-reads (or runs
 * CDC), so a change we cannot name precisely is still worth keeping.
 * https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks
 */

export interface WebhookRefusal {
  /** 401: not signed by Intuit with our verifier token; 400: signed but unreadable. */
  status: 400 | 401;
  reason: "missing_signature" | "bad_signature" | "malformed";
  message: string;
}

export type QboOperation = "Create" | "Update" | "Delete" | "Merge" | "Void" | "Emailed" | "Other";

export interface QboChange {
  realmId: string;
  /** QBO's entity name, e.g. `Invoice`, `CreditMemo`. */
  entity: string;
  entityId: string;
  operation: QboOperation;
  occurredAt: Date;
  /** Merges only: the record merged away (the survivor is `entityId`). */
  deletedId?: string;
  /** Stable per event, for the inbox's dedupe: the CloudEvent id, or the legacy entry's fields. */
  dedupeKey: string;
}

/** base64(HMAC-SHA256(verifier token, raw body)), compared in constant time (§7.3). */
export function verifyIntuitSignature(
  rawBody: string | Uint8Array,
  signature: string | null | undefined,
  verifierToken: string,
): Result<void, WebhookRefusal> {
  if (!signature) return refuse(401, "missing_signature", "no intuit-signature header");
  const expected = createHmac("sha256", verifierToken).update(Buffer.from(rawBody)).digest();
  const given = Buffer.from(signature.trim(), "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse(401, "bad_signature", "intuit-signature does not match");
  }
  return ok(undefined);
}

const legacyEntity = z.looseObject({
  name: z.string().min(1),
  id: z.string().min(1),
  operation: z.string().min(1),
  lastUpdated: z.string().optional(),
  deletedId: z.string().optional(),
});
export const qboLegacyDelivery = z.looseObject({
  eventNotifications: z.array(
    z.looseObject({
      realmId: z.string().min(1),
      dataChangeEvent: z.looseObject({ entities: z.array(legacyEntity) }),
    }),
  ),
});

export const qboCloudEvent = z.looseObject({
  specversion: z.string(),
  id: z.string().min(1),
  /** `qbo.<entity>.<verb>.v<n>`; parsed generically because third parties disagree on verbs. */
  type: z.string().regex(/^qbo\.\w+\.\w+\.v\d+$/),
  time: z.string().optional(),
  intuitentityid: z.string().min(1),
  intuitaccountid: z.string().min(1),
  data: z.looseObject({ deletedid: z.string().optional() }).nullish(),
});
export const qboCloudEventsDelivery = z.array(qboCloudEvent);

/** Either payload, told apart the way Intuit's Java sample does: an array of `specversion` objects is CloudEvents. */
export function parseQboDelivery(
  rawBody: string | Uint8Array,
  receivedAt: Date,
): Result<QboChange[], WebhookRefusal> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString("utf8"));
  } catch {
    return refuse(400, "malformed", "body is not JSON");
  }
  if (Array.isArray(json)) {
    const parsed = qboCloudEventsDelivery.safeParse(json);
    if (!parsed.success) return refuse(400, "malformed", `not a CloudEvents array: ${parsed.error.message}`);
    return ok(parsed.data.map((e) => fromCloudEvent(e, receivedAt)));
  }
  const parsed = qboLegacyDelivery.safeParse(json);
  if (!parsed.success)
    return refuse(400, "malformed", `not an eventNotifications payload: ${parsed.error.message}`);
  return ok(
    parsed.data.eventNotifications.flatMap((n) =>
      n.dataChangeEvent.entities.map((e) => fromLegacy(n.realmId, e, receivedAt)),
    ),
  );
}

function fromLegacy(realmId: string, e: z.infer<typeof legacyEntity>, receivedAt: Date): QboChange {
  const operation = LEGACY_OPERATIONS[e.operation.toLowerCase()] ?? "Other";
  return {
    realmId,
    entity: e.name,
    entityId: e.id,
    operation,
    occurredAt: parseTime(e.lastUpdated) ?? receivedAt,
    ...(e.deletedId ? { deletedId: e.deletedId } : {}),
    dedupeKey: ["legacy", realmId, e.name, e.id, e.operation, e.lastUpdated ?? ""].join(":"),
  };
}

function fromCloudEvent(e: z.infer<typeof qboCloudEvent>, receivedAt: Date): QboChange {
  const [, entity = "", verb = ""] = e.type.split(".");
  const deletedId = e.data?.deletedid;
  return {
    realmId: e.intuitaccountid,
    entity: entityName(entity),
    entityId: e.intuitentityid,
    operation: CLOUD_EVENT_VERBS[verb.toLowerCase()] ?? "Other",
    occurredAt: parseTime(e.time) ?? receivedAt,
    ...(deletedId ? { deletedId } : {}),
    dedupeKey: `cloudevent:${e.id}`,
  };
}

const LEGACY_OPERATIONS: Record<string, QboOperation> = {
  create: "Create",
  update: "Update",
  delete: "Delete",
  merge: "Merge",
  void: "Void",
  emailed: "Emailed",
};

/** Intuit confirms created/updated/merged; deleted/voided/emailed (and `void`) come from third parties. */
const CLOUD_EVENT_VERBS: Record<string, QboOperation> = {
  created: "Create",
  updated: "Update",
  deleted: "Delete",
  merged: "Merge",
  voided: "Void",
  void: "Void",
  emailed: "Emailed",
};

/** CloudEvents lower-case the entity; the legacy payload and the API use these names. */
// prettier-ignore
const ENTITY_NAMES = [
  "Account", "Attachable", "Bill", "BillPayment", "Budget", "Class", "CompanyCurrency", "CompanyInfo",
  "CreditMemo", "Currency", "Customer", "Department", "Deposit", "Employee", "Estimate", "Invoice", "Item",
  "JournalCode", "JournalEntry", "Payment", "PaymentMethod", "Preferences", "Purchase", "PurchaseOrder",
  "RefundReceipt", "SalesReceipt", "TaxAgency", "Term", "TimeActivity", "Transfer", "Vendor", "VendorCredit",
];
const BY_LOWER = new Map(ENTITY_NAMES.map((n) => [n.toLowerCase(), n]));

function entityName(lower: string): string {
  return BY_LOWER.get(lower.toLowerCase()) ?? lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * Intuit's timestamps vary (`2015-10-05T14:42:19-0700`, `…04.000Z`, nanoseconds in CloudEvents):
 * normalise the offset and the fraction before parsing, and let the caller fall back to the
 * receipt time rather than refuse a delivery over a date — a refused delivery blocks later ones.
 */
export function parseTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const normal = text
    .trim()
    .replace(/(\.\d{3})\d+/, "$1")
    .replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normal);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Signature first, then the body: what the webhook route calls. */
export function readQboDelivery(input: {
  rawBody: string | Uint8Array;
  signature: string | null | undefined;
  verifierToken: string;
  receivedAt: Date;
}): Result<QboChange[], WebhookRefusal> {
  const verified = verifyIntuitSignature(input.rawBody, input.signature, input.verifierToken);
  return verified.ok ? parseQboDelivery(input.rawBody, input.receivedAt) : verified;
}

function refuse(status: 400 | 401, reason: WebhookRefusal["reason"], message: string) {
  return err<WebhookRefusal>({ status, reason, message });
}
