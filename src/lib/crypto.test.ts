import { describe, expect, it } from "vitest";
import { generateSecretKey, SecretBox } from "./crypto.ts";

describe("SecretBox (tokens at rest, A3)", () => {
  const key = generateSecretKey();

  it("seals and opens, and never leaves the plaintext visible", () => {
    const box = new SecretBox(key);
    const sealed = box.seal("refresh-token-123", "qbo:42");
    expect(sealed).not.toContain("refresh-token-123");
    expect(sealed.startsWith(`v1.${box.currentKeyId}.`)).toBe(true);
    expect(box.open(sealed, "qbo:42")).toBe("refresh-token-123");
  });

  it("refuses a ciphertext opened under another context or tampered with", () => {
    const box = new SecretBox(key);
    const sealed = box.seal("secret", "qbo:1");
    expect(() => box.open(sealed, "qbo:2")).toThrow();
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => box.open(parts.join("."), "qbo:1")).toThrow();
  });

  it("opens secrets sealed with a previous key after rotation, and flags them stale", () => {
    const old = new SecretBox(key);
    const sealed = old.seal("t");
    const rotated = new SecretBox(generateSecretKey(), [key]);
    expect(rotated.open(sealed)).toBe("t");
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal("t"))).toBe(false);
    expect(() => new SecretBox(generateSecretKey()).open(sealed)).toThrow(/unknown key/);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => new SecretBox(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
