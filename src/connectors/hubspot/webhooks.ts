import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * HubSpot webhook intake (docs/vendors/hubspot.md §7): check the v3 signature on the raw body before
 * anything else, then parse the event array. A forged, stale or malformed delivery is a value the route
 * turns into 401/400; nothing here throws.
 * https://developers.hubspot.com/docs/guides/apps/authentication/validating-requests
 */

export interface WebhookRefusal {
  /** 401: we cannot trust who sent it; 400: it is signed but not something we can read. */
  status: 400 | 401;
  reason: "missing_signature" | "bad_signature" | "stale_timestamp" | "unsupported_version" | "malformed";
  message: string;
}

export interface SignedRequest {
  method: string;
  /** The full URL HubSpot called (scheme, host, path, query), as configured in the app. */
  url: string;
  rawBody: string | Uint8Array;
  /** Header lookup; pass `(name) => c.req.header(name)` or a `Headers` object's `get`. */
  header: (name: string) => string | null | undefined;
  clientSecret: string;
  now: Date;
}

/**
 * The HubSpot SDK's MAX_ALLOWED_TIMESTAMP: a v3 timestamp more than 5 minutes from our clock, in
 * either direction, is refused (an old one is a replay; one from the future would stay replayable
 * for longer than the window).
 */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

/**
 * Only v3 (HMAC-SHA256, base64, over method + URI + body + timestamp) is accepted. HubSpot sends it
 * on webhooks, card fetches and workflow actions beside the older `X-HubSpot-Signature` (v1/v2);
 * those have no timestamp, so a captured request would replay forever: a request signed with them
 * alone is refused (docs/adr/0029-request-signatures-and-body-limits.md).
 */
export function verifyHubSpotSignature(req: SignedRequest): Result<{ version: "v3" }, WebhookRefusal> {
  const body = Buffer.from(req.rawBody);
  const v3 = req.header("x-hubspot-signature-v3");
  if (v3) return verifyV3(req, body, v3);
  if (req.header("x-hubspot-signature"))
    return refuse(
      401,
      "unsupported_version",
      "only X-HubSpot-Signature-v3 is accepted; v1 and v2 signatures carry no timestamp",
    );
  return refuse(401, "missing_signature", "no X-HubSpot-Signature-v3 header");
}

function verifyV3(
  req: SignedRequest,
  body: Buffer,
  signature: string,
): Result<{ version: "v3" }, WebhookRefusal> {
  const timestamp = req.header("x-hubspot-request-timestamp");
  if (!timestamp || !/^\d+$/.test(timestamp)) {
    return refuse(
      401,
      "missing_signature",
      "X-HubSpot-Request-Timestamp is missing or not epoch milliseconds",
    );
  }
  // Checked before the HMAC so a replayed old delivery is refused as stale, whatever its signature.
  if (Math.abs(req.now.getTime() - Number(timestamp)) > MAX_SIGNATURE_AGE_MS) {
    return refuse(401, "stale_timestamp", "X-HubSpot-Request-Timestamp is more than 5 minutes off");
  }
  const method = req.method.toUpperCase();
  const matched = uriForms(req.url).some((uri) => {
    const mac = createHmac("sha256", req.clientSecret);
    mac
      .update(method + uri)
      .update(body)
      .update(timestamp);
    return sameText(mac.digest("base64"), signature);
  });
  return matched ? ok({ version: "v3" }) : refuse(401, "bad_signature", "v3 signature does not match");
}

/**
 * HubSpot's docs have the signer decode these URL-encoded characters before hashing (the `?` that
 * starts the query string is literal anyway); the Node SDK signs the URI as sent. We accept either
 * form: both are keyed with the client secret, so neither helps a forger.
 */
const DECODED: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

export function uriForms(url: string): string[] {
  const decoded = url.replace(
    /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
    (m) => DECODED[m.toUpperCase()] ?? m,
  );
  return decoded === url ? [url] : [decoded, url];
}

/** Constant-time for equal lengths; a length mismatch is already a mismatch. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

/** One event of a delivery, in HubSpot's casing (already camelCase). */
export const hubspotWebhookEvent = z.looseObject({
  eventId: id,
  subscriptionId: id.optional(),
  portalId: id,
  appId: id,
  occurredAt: z.number().int().nonnegative(),
  subscriptionType: z.string().min(1),
  attemptNumber: z.number().int().nonnegative(),
  objectId: id.optional(),
  objectTypeId: z.string().optional(),
  propertyName: z.string().optional(),
  propertyValue: z.string().nullish(),
  changeSource: z.string().optional(),
  sourceId: z.string().nullish(),
  changeFlag: z.string().optional(),
  // associationChange
  associationType: z.string().optional(),
  fromObjectId: id.optional(),
  toObjectId: id.optional(),
  associationRemoved: z.boolean().optional(),
  // merge
  primaryObjectId: id.optional(),
  mergedObjectIds: z.array(id).optional(),
  newObjectId: id.optional(),
});
/** A delivery is an array of up to 100 events, possibly from several portals. */
export const hubspotWebhookDelivery = z.array(hubspotWebhookEvent);

export interface HubSpotEvent {
  eventId: string;
  portalId: string;
  appId: string;
  /** e.g. `deal.propertyChange`, `contact.creation`, `object.deletion`. */
  subscriptionType: string;
  objectId?: string;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  changeSource?: string;
  sourceId?: string;
  /** HubSpot's event time (`occurredAt`); deliveries are unordered, so this orders them. */
  occurredAt: Date;
  attemptNumber: number;
  /** For merges: the ids merged away. For association changes: the other side. */
  mergedObjectIds?: string[];
  fromObjectId?: string;
  toObjectId?: string;
  associationRemoved?: boolean;
  /**
   * For the inbox's dedupe. HubSpot documents `eventId` as "not guaranteed to be unique", so the
   * key adds what identifies the change; a retried delivery (higher `attemptNumber`) keeps it.
   */
  dedupeKey: string;
}

export function parseHubSpotEvents(rawBody: string | Uint8Array): Result<HubSpotEvent[], WebhookRefusal> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString("utf8"));
  } catch {
    return refuse(400, "malformed", "body is not JSON");
  }
  const parsed = hubspotWebhookDelivery.safeParse(json);
  if (!parsed.success) return refuse(400, "malformed", `not a HubSpot event array: ${parsed.error.message}`);
  return ok(parsed.data.map(toHubSpotEvent));
}

function toHubSpotEvent(e: z.infer<typeof hubspotWebhookEvent>): HubSpotEvent {
  const optional = {
    objectId: e.objectId,
    objectTypeId: e.objectTypeId,
    propertyName: e.propertyName,
    propertyValue: e.propertyValue ?? undefined,
    changeSource: e.changeSource,
    sourceId: e.sourceId ?? undefined,
    mergedObjectIds: e.mergedObjectIds,
    fromObjectId: e.fromObjectId,
    toObjectId: e.toObjectId,
    associationRemoved: e.associationRemoved,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return {
    eventId: e.eventId,
    portalId: e.portalId,
    appId: e.appId,
    subscriptionType: e.subscriptionType,
    occurredAt: new Date(e.occurredAt),
    attemptNumber: e.attemptNumber,
    ...present,
    dedupeKey: [e.portalId, e.subscriptionType, e.subscriptionId, e.objectId, e.occurredAt, e.eventId]
      .map((part) => part ?? "")
      .join(":"),
  };
}

/** Signature first, then the body: what the webhook route calls. */
export function readHubSpotDelivery(req: SignedRequest): Result<HubSpotEvent[], WebhookRefusal> {
  const verified = verifyHubSpotSignature(req);
  return verified.ok ? parseHubSpotEvents(req.rawBody) : verified;
}

function refuse(status: 400 | 401, reason: WebhookRefusal["reason"], message: string) {
  return err<WebhookRefusal>({ status, reason, message });
}
