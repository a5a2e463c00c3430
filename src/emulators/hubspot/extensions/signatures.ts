import { createHash, createHmac } from "node:crypto";

/**
 * HubSpot's request signatures (docs/vendors/hubspot.md §7), computed exactly as `@hubspot/api-client`'s
 * `Signature` helper verifies them. The URL is signed as sent, without decoding it: the Node SDK
 * does not decode, and a receiver built on it must agree with us.
 */
export function signatureV1(clientSecret: string, body: string): string {
  return createHash("sha256")
    .update(clientSecret + body)
    .digest("hex");
}

export function signatureV2(clientSecret: string, method: string, url: string, body: string): string {
  return createHash("sha256")
    .update(clientSecret + method + url + body)
    .digest("hex");
}

export function signatureV3(
  clientSecret: string,
  method: string,
  url: string,
  body: string,
  timestampMs: number,
): string {
  return createHmac("sha256", clientSecret)
    .update(method + url + body + String(timestampMs))
    .digest("base64");
}

/** What HubSpot identifies itself as on outgoing calls (the exact string is unverified). */
export const HUBSPOT_USER_AGENT = "HubSpot Connect 2.0 (http://dev.hubspot.com/)";

export interface SignedRequest {
  clientSecret: string;
  method: string;
  url: string;
  body: string;
  now: Date;
  /**
   * The legacy signature sent beside v3: v1 on webhook subscriptions, v2 on card fetches,
   * card action hooks and workflow actions (docs/vendors/hubspot.md §7).
   */
  legacy: "v1" | "v2";
}

/** The headers HubSpot signs an outgoing request with: the legacy signature, v3, and its timestamp. */
export function signatureHeaders(req: SignedRequest): Record<string, string> {
  const timestamp = req.now.getTime();
  const legacy =
    req.legacy === "v1"
      ? signatureV1(req.clientSecret, req.body)
      : signatureV2(req.clientSecret, req.method, req.url, req.body);
  return {
    "X-HubSpot-Signature": legacy,
    "X-HubSpot-Signature-Version": req.legacy,
    "X-HubSpot-Signature-v3": signatureV3(req.clientSecret, req.method, req.url, req.body, timestamp),
    "X-HubSpot-Request-Timestamp": String(timestamp),
    "User-Agent": HUBSPOT_USER_AGENT,
  };
}
