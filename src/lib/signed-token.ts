import type { SecretBox } from "./crypto.ts";
import { err, ok, type Result } from "./result.ts";

/**
 * Short, signed, expiring tokens for URLs that a browser opens without our session cookie: the
 * card's actions in HubSpot's iframe, the invoice preview link. A token names its purpose and who
 * it is for (portal, record, HubSpot user), so one minted for a preview cannot open the wizard and
 * one for deal A cannot open deal B. Format: `<base64url JSON>.<mac>`.
 */
export interface EmbedClaims {
  /** What the token opens: "embed" (wizard, add existing), "preview" (an invoice PDF). */
  purpose: "embed" | "preview";
  portalId: string;
  objectType: "deals" | "contacts" | "companies";
  objectId: string;
  hubspotUserId: string;
  userEmail: string;
  locale: "en" | "ja";
  /** Preview tokens only: the invoice. */
  invoiceKey?: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

export type TokenRefusal = "malformed" | "bad_signature" | "expired" | "wrong_purpose";

export function signToken(secrets: SecretBox, claims: EmbedClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${secrets.mac(body)}`;
}

export function verifyToken(
  secrets: SecretBox,
  token: string | undefined,
  purpose: EmbedClaims["purpose"],
  now: Date,
): Result<EmbedClaims, TokenRefusal> {
  const [body, mac, extra] = (token ?? "").split(".");
  if (!body || !mac || extra !== undefined) return err("malformed");
  if (!secrets.verifyMac(body, mac)) return err("bad_signature");
  let claims: EmbedClaims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as EmbedClaims;
  } catch {
    return err("malformed");
  }
  if (typeof claims.exp !== "number" || typeof claims.portalId !== "string") return err("malformed");
  if (claims.purpose !== purpose) return err("wrong_purpose");
  if (claims.exp <= now.getTime()) return err("expired");
  return ok(claims);
}
