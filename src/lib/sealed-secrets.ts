import { sealedKeyId, type SecretBox } from "./crypto.ts";
import { ConfigurationError, errorMessage } from "./errors.ts";

/**
 * Every secret Ledgerlink keeps sealed (OAuth tokens, automation webhook secrets) lives in a table
 * some feature owns; each feature exposes its sealed columns as a `SealedStore`, and this module
 * proves the configured keys open them at start, counts which key sealed what (doctor, status) and
 * re-seals them with the current key (`ledgerlink rekey`). Key rotation is documented in
 * docs/operations.md.
 */
export interface SealedValue {
  sealed: string;
  /** The authenticated context it was sealed with (e.g. "qbo:<connectionId>"). */
  context: string;
}

export interface BatchCounts {
  resealed: number;
  current: number;
}

export interface SealedStore {
  /** What these secrets are, for reports ("QuickBooks company tokens"). */
  what: string;
  /** The key id of every stored sealed value (one per value, so a count per key). */
  keyIds(): Promise<string[]>;
  /** One stored secret to try to open at start; undefined when there is none. */
  sample(): Promise<SealedValue | undefined>;
  /**
   * In one transaction, locks up to `limit` rows after the cursor `after` (in a stable order) and
   * rewrites each value `reseal` returns a new sealing for (undefined: already current). Returns
   * the counts and the cursor of the last row read (undefined: no rows left).
   */
  resealBatch(
    after: string | undefined,
    limit: number,
    reseal: (value: SealedValue) => string | undefined,
  ): Promise<BatchCounts & { last?: string }>;
}

/** The value sealed into instance settings at first start: opening it proves the key. */
export const KEY_CHECK = { plaintext: "ledgerlink-secret-key-check", context: "instance:secret-key-check" };

export interface KeyUsage {
  current: number;
  /** Secrets still sealed with one of LEDGERLINK_PREVIOUS_SECRET_KEYS: `rekey` moves them. */
  previous: number;
  /** Secrets sealed with a key not configured at all, by key id: they cannot be opened. */
  unknown: Map<string, number>;
}

export async function keyUsage(stores: SealedStore[], box: SecretBox): Promise<KeyUsage> {
  const usage: KeyUsage = { current: 0, previous: 0, unknown: new Map() };
  for (const store of stores) {
    for (const id of await store.keyIds()) {
      if (id === box.currentKeyId) usage.current += 1;
      else if (box.knows(id)) usage.previous += 1;
      else usage.unknown.set(id, (usage.unknown.get(id) ?? 0) + 1);
    }
  }
  return usage;
}

/** Which configured key is wrong, in one sentence the operator can act on. */
export function wrongKeyMessage(box: SecretBox, sealedWith: string, what: string): string {
  const current = `LEDGERLINK_SECRET_KEY (key ${box.currentKeyId})`;
  const previous = box.previousKeyIds;
  if (previous.length === 0) {
    return (
      `${current} is not the key that sealed ${what} (key ${sealedWith}): set LEDGERLINK_SECRET_KEY back ` +
      "to that key, or to rotate keys, set the new key and put the old one in LEDGERLINK_PREVIOUS_SECRET_KEYS"
    );
  }
  return (
    `neither ${current} nor any key in LEDGERLINK_PREVIOUS_SECRET_KEYS (keys ${previous.join(", ")}) ` +
    `is the key that sealed ${what} (key ${sealedWith}): add that key to LEDGERLINK_PREVIOUS_SECRET_KEYS`
  );
}

/**
 * Proves at start that the configured keys open what is stored: the key check value (when there
 * is one), every stored secret's key id, and one stored secret actually opened. Throws a
 * ConfigurationError naming the wrong key; returns the check value to store when it is missing
 * or sealed with a previous key (undefined: nothing to write).
 */
export async function verifySecretKeys(
  box: SecretBox,
  storedCheck: string | undefined,
  stores: SealedStore[],
): Promise<string | undefined> {
  if (storedCheck !== undefined) {
    const id = sealedKeyId(storedCheck);
    if (!box.knows(id)) throw new ConfigurationError(wrongKeyMessage(box, id, "the stored secrets"));
    opens(box, { sealed: storedCheck, context: KEY_CHECK.context }, "the key check value");
  }
  const usage = await keyUsage(stores, box);
  const [unknown, count] = [...usage.unknown.entries()][0] ?? [];
  if (unknown !== undefined) {
    throw new ConfigurationError(
      wrongKeyMessage(box, unknown, `${count} stored secret${count === 1 ? "" : "s"}`),
    );
  }
  for (const store of stores) {
    const sample = await store.sample();
    if (sample) opens(box, sample, `a stored secret (${store.what})`);
  }
  if (storedCheck === undefined || box.isStale(storedCheck))
    return box.seal(KEY_CHECK.plaintext, KEY_CHECK.context);
  return undefined;
}

function opens(box: SecretBox, value: SealedValue, what: string): void {
  let opened: string;
  try {
    opened = box.open(value.sealed, value.context);
  } catch (error) {
    throw new ConfigurationError(
      `${what} does not open with the key that sealed it (${errorMessage(error)}): ` +
        "the key configured under that id differs, or the value was altered",
    );
  }
  if (value.context === KEY_CHECK.context && opened !== KEY_CHECK.plaintext)
    throw new ConfigurationError("the stored key check value is not Ledgerlink's");
}

export interface RekeyReport extends BatchCounts {
  byStore: Array<BatchCounts & { what: string }>;
}

/**
 * Re-seals every stored secret with the current key, one transaction per batch of rows; running it
 * again re-seals nothing (each value sealed with the current key is counted as current).
 */
export async function rekey(stores: SealedStore[], box: SecretBox, batchSize = 100): Promise<RekeyReport> {
  const report: RekeyReport = { resealed: 0, current: 0, byStore: [] };
  for (const store of stores) {
    const counts = { what: store.what, resealed: 0, current: 0 };
    let after: string | undefined;
    for (;;) {
      const batch = await store.resealBatch(after, batchSize, (value) => {
        try {
          return box.reseal(value.sealed, value.context);
        } catch (error) {
          const id = sealedKeyId(value.sealed);
          throw new ConfigurationError(
            box.knows(id)
              ? `a stored secret (${store.what}) does not open: ${errorMessage(error)}`
              : wrongKeyMessage(box, id, `a stored secret (${store.what})`),
          );
        }
      });
      counts.resealed += batch.resealed;
      counts.current += batch.current;
      if (batch.last === undefined) break;
      after = batch.last;
    }
    report.byStore.push(counts);
    report.resealed += counts.resealed;
    report.current += counts.current;
  }
  return report;
}
