import { describe, expect, it } from "vitest";
import { generateSecretKey, SecretBox } from "./crypto.ts";
import { signToken, verifyToken, type EmbedClaims } from "./signed-token.ts";

const now = new Date("2026-11-02T09:00:00Z");
const claims: EmbedClaims = {
  purpose: "embed",
  portalId: "20000001",
  objectType: "deals",
  objectId: "42",
  hubspotUserId: "1",
  userEmail: "a@example.com",
  locale: "ja",
  exp: now.getTime() + 60_000,
};

describe("signed links (ADR 11)", () => {
  const box = new SecretBox(generateSecretKey());

  it("round-trips its claims until they expire", () => {
    const token = signToken(box, claims);
    expect(verifyToken(box, token, "embed", now)).toEqual({ ok: true, value: claims });
    expect(verifyToken(box, token, "embed", new Date(claims.exp))).toEqual({ ok: false, error: "expired" });
  });

  it("refuses a token for another purpose, a changed claim, another key, and garbage", () => {
    const token = signToken(box, claims);
    expect(verifyToken(box, token, "preview", now)).toEqual({ ok: false, error: "wrong_purpose" });
    const [body, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, objectId: "43" })).toString("base64url");
    expect(verifyToken(box, `${forged}.${mac}`, "embed", now)).toEqual({ ok: false, error: "bad_signature" });
    expect(verifyToken(new SecretBox(generateSecretKey()), token, "embed", now)).toEqual({
      ok: false,
      error: "bad_signature",
    });
    for (const bad of [undefined, "", "x", `${body}`, `${body}.${mac}.x`])
      expect(verifyToken(box, bad, "embed", now).ok).toBe(false);
  });

  it("still opens links signed with a previous key after rotation", () => {
    const old = generateSecretKey();
    const token = signToken(new SecretBox(old), claims);
    expect(verifyToken(new SecretBox(generateSecretKey(), [old]), token, "embed", now).ok).toBe(true);
  });
});
