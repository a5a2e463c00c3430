import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/**
 * Secrets at rest (OAuth tokens): AES-256-GCM, and each ciphertext names the key that sealed it,
 * so an operator can rotate `LEDGERLINK_SECRET_KEY` and keep the old key in
 * `LEDGERLINK_PREVIOUS_SECRET_KEYS` until everything has been re-sealed.
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export class SecretBox {
  readonly #keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(currentKey: string, previousKeys: string[] = []) {
    this.currentKeyId = this.#add(currentKey);
    for (const key of previousKeys) this.#add(key);
  }

  seal(plaintext: string, context = ""): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#keys.get(this.currentKeyId)!, iv);
    // The context (e.g. "qbo:<realmId>") is authenticated: a token copied to another row fails to open.
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
    return ["v1", this.currentKeyId, ...parts].join(".");
  }

  open(sealed: string, context = ""): string {
    const [version, keyId, iv, tag, body] = sealed.split(".");
    if (version !== "v1" || !keyId || !iv || !tag || body === undefined)
      throw new Error("Not a sealed secret");
    const key = this.#keys.get(keyId);
    if (!key)
      throw new Error(
        `Secret was sealed with unknown key ${keyId}; add it to LEDGERLINK_PREVIOUS_SECRET_KEYS`,
      );
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  }

  /**
   * An HMAC over `data` with a key derived from the current secret key (never the sealing key
   * itself): signed links (lib/signed-token.ts) need no second secret to configure.
   */
  mac(data: string): string {
    return this.#mac(this.#keys.get(this.currentKeyId)!, data);
  }

  /** True when `mac` was made by this key or a previous one (links survive a key rotation). */
  verifyMac(data: string, mac: string): boolean {
    const sent = Buffer.from(mac);
    return [...this.#keys.values()].some((key) => {
      const expected = Buffer.from(this.#mac(key, data));
      return expected.length === sent.length && timingSafeEqual(expected, sent);
    });
  }

  #mac(key: Buffer, data: string): string {
    const derived = createHmac("sha256", key).update("ledgerlink/signed-links/v1").digest();
    return createHmac("sha256", derived).update(data).digest("base64url");
  }

  /** True when the secret was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split(".")[1] !== this.currentKeyId;
  }

  /** Whether `keyId` is the current key or one of the previous ones (so its secrets still open). */
  knows(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  /** The previous keys' ids, in the order LEDGERLINK_PREVIOUS_SECRET_KEYS lists them. */
  get previousKeyIds(): string[] {
    return [...this.#keys.keys()].filter((id) => id !== this.currentKeyId);
  }

  /**
   * The same secret sealed with the current key, or `undefined` when it already is (re-keying is
   * idempotent). Throws as `open` does when no configured key opens it.
   */
  reseal(sealed: string, context = ""): string | undefined {
    if (!this.isStale(sealed)) return undefined;
    return this.seal(this.open(sealed, context), context);
  }

  #add(encoded: string): string {
    const key = Buffer.from(encoded, encoded.includes("-") || encoded.includes("_") ? "base64url" : "base64");
    if (key.length !== 32) throw new Error("A secret key must be 32 bytes, base64-encoded");
    const id = createHash("sha256").update(key).digest("hex").slice(0, 8);
    this.#keys.set(id, key);
    return id;
  }
}

/** The id of the key that sealed `sealed` (the first 8 hex digits of its SHA-256; not secret). */
export function sealedKeyId(sealed: string): string {
  return sealed.split(".")[1] ?? "";
}

export function generateSecretKey(): string {
  return randomBytes(32).toString("base64");
}
