import { describe, expect, it } from "vitest";
import { generateSecretKey, SecretBox } from "./crypto.ts";
import { ConfigurationError } from "./errors.ts";
import {
  KEY_CHECK,
  keyUsage,
  rekey,
  verifySecretKeys,
  type SealedStore,
  type SealedValue,
} from "./sealed-secrets.ts";

/** A store in memory: rows of sealed values, each with its context, in id order. */
function memoryStore(
  rows: Map<string, { sealed: string; context: string }>,
): SealedStore & { batches: number } {
  const store = {
    what: "test secrets",
    batches: 0,
    keyIds: async () => [...rows.values()].map((r) => r.sealed.split(".")[1]!),
    sample: async () => [...rows.values()][0],
    async resealBatch(
      after: string | undefined,
      limit: number,
      reseal: (value: SealedValue) => string | undefined,
    ) {
      store.batches += 1;
      const ids = [...rows.keys()]
        .sort()
        .filter((id) => after === undefined || id > after)
        .slice(0, limit);
      const counts = { resealed: 0, current: 0 };
      for (const id of ids) {
        const row = rows.get(id)!;
        const fresh = reseal(row);
        if (fresh === undefined) counts.current += 1;
        else {
          counts.resealed += 1;
          rows.set(id, { ...row, sealed: fresh });
        }
      }
      return { ...counts, last: ids.at(-1) };
    },
  };
  return store;
}

const [oldKey, newKey, strayKey] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];

function sealedRows(box: SecretBox, n: number) {
  const rows = new Map<string, { sealed: string; context: string }>();
  for (let i = 0; i < n; i++) {
    const id = `r${String(i).padStart(3, "0")}`;
    rows.set(id, { sealed: box.seal(`token-${i}`, `ctx:${id}`), context: `ctx:${id}` });
  }
  return rows;
}

describe("rekey", () => {
  it("re-seals every secret with the current key in batches, then finds them all current", async () => {
    const rows = sealedRows(new SecretBox(oldKey), 5);
    const store = memoryStore(rows);
    const box = new SecretBox(newKey, [oldKey]);
    const first = await rekey([store], box, 2);
    expect(first).toMatchObject({ resealed: 5, current: 0 });
    expect(store.batches).toBe(4); // 2 + 2 + 1, then an empty batch ends it
    for (const [id, row] of rows) {
      expect(box.isStale(row.sealed)).toBe(false);
      expect(new SecretBox(newKey).open(row.sealed, row.context)).toBe(`token-${Number(id.slice(1))}`);
    }
    expect(await rekey([store], box, 2)).toMatchObject({ resealed: 0, current: 5 });
  });

  it("stops with a configuration error naming the key when a secret's key is not configured", async () => {
    const rows = sealedRows(new SecretBox(strayKey), 1);
    const box = new SecretBox(newKey, [oldKey]);
    const run = rekey([memoryStore(rows)], box);
    await expect(run).rejects.toBeInstanceOf(ConfigurationError);
    await expect(run).rejects.toThrow(
      `neither LEDGERLINK_SECRET_KEY (key ${box.currentKeyId}) nor any key in LEDGERLINK_PREVIOUS_SECRET_KEYS (keys ${box.previousKeyIds[0]})`,
    );
  });
});

describe("the start-up key check", () => {
  const check = (box: SecretBox) => box.seal(KEY_CHECK.plaintext, KEY_CHECK.context);

  it("writes a check value on first start and nothing when it is current", async () => {
    const box = new SecretBox(newKey);
    const written = await verifySecretKeys(box, undefined, [memoryStore(new Map())]);
    expect(box.open(written!, KEY_CHECK.context)).toBe(KEY_CHECK.plaintext);
    expect(await verifySecretKeys(box, written, [memoryStore(sealedRows(box, 2))])).toBeUndefined();
  });

  it("says the current key is wrong when no previous key is configured", async () => {
    const box = new SecretBox(newKey);
    const stored = check(new SecretBox(oldKey));
    await expect(verifySecretKeys(box, stored, [])).rejects.toThrow(
      `LEDGERLINK_SECRET_KEY (key ${box.currentKeyId}) is not the key that sealed the stored secrets (key ${new SecretBox(oldKey).currentKeyId})`,
    );
  });

  it("says none of the previous keys is right either when some are configured", async () => {
    const box = new SecretBox(newKey, [strayKey]);
    await expect(verifySecretKeys(box, check(new SecretBox(oldKey)), [])).rejects.toThrow(
      /^neither LEDGERLINK_SECRET_KEY .* nor any key in LEDGERLINK_PREVIOUS_SECRET_KEYS/,
    );
  });

  it("accepts a rotation (old key among the previous ones) and re-seals the check with the new key", async () => {
    const box = new SecretBox(newKey, [oldKey]);
    const rewritten = await verifySecretKeys(box, check(new SecretBox(oldKey)), [
      memoryStore(sealedRows(new SecretBox(oldKey), 1)),
    ]);
    expect(rewritten && box.isStale(rewritten)).toBe(false);
  });

  it("refuses stored secrets sealed with a key no longer configured, even when the check is current", async () => {
    const box = new SecretBox(newKey);
    const rows = sealedRows(new SecretBox(oldKey), 3);
    await expect(verifySecretKeys(box, check(box), [memoryStore(rows)])).rejects.toThrow(
      "is not the key that sealed 3 stored secrets",
    );
  });

  it("refuses a key whose id matches but that does not open a stored secret (altered value)", async () => {
    const box = new SecretBox(newKey);
    const rows = sealedRows(box, 1);
    const [id, row] = [...rows.entries()][0]!;
    rows.set(id, { ...row, context: "ctx:another-row" });
    await expect(verifySecretKeys(box, check(box), [memoryStore(rows)])).rejects.toThrow(
      "a stored secret (test secrets) does not open",
    );
  });
});

describe("key usage (doctor, status)", () => {
  it("counts secrets on the current key, on a previous key and on an unknown key", async () => {
    const box = new SecretBox(newKey, [oldKey]);
    const rows = new Map([
      ...sealedRows(box, 2),
      ...[...sealedRows(new SecretBox(oldKey), 3)].map(([id, r]) => [`o${id}`, r] as const),
      ["x", { sealed: new SecretBox(strayKey).seal("s", "c"), context: "c" }],
    ]);
    const usage = await keyUsage([memoryStore(rows)], box);
    expect(usage.current).toBe(2);
    expect(usage.previous).toBe(3);
    expect([...usage.unknown.values()]).toEqual([1]);
  });
});
