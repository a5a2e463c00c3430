import { norm } from "./normalize.ts";
import type { MatchKey } from "./keys.ts";

export interface Candidate {
  id: string;
  label: string;
  /** Its e-mail, if it has one (any case: it is normalised here). */
  email?: string;
}

export type Found =
  | { kind: "matched"; id: string; by: string; candidate: Candidate }
  | { kind: "ambiguous"; candidates: Candidate[]; by: string }
  | { kind: "none" };

/**
 * The decision on one key's candidates (I3): none means "try the next key"; two or more is not a
 * guess but a review; one whose e-mail contradicts the record's is not trusted either, unless the
 * key was the e-mail itself or our own exact key.
 */
export function judge(key: MatchKey, candidates: Candidate[], email: string | undefined): Found | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length > 1) return { kind: "ambiguous", candidates, by: key.by };
  const only = candidates[0]!;
  const mine = norm(email);
  const theirs = norm(only.email);
  if (key.by !== "email" && key.by !== "key" && mine && theirs && mine !== theirs)
    return { kind: "ambiguous", candidates, by: key.by };
  return { kind: "matched", id: only.id, by: key.by, candidate: only };
}

/** Records of one side, indexed by their match keys (the initial sync's in-memory lookup). */
export class KeyIndex<T> {
  readonly #byKey = new Map<string, string[]>();
  readonly records = new Map<string, T>();

  add(id: string, record: T, keys: ReadonlyArray<Pick<MatchKey, "key">>): void {
    this.records.set(id, record);
    for (const { key } of keys) {
      const ids = this.#byKey.get(key);
      if (!ids) this.#byKey.set(key, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }

  /** The ids a key points at (empty when none). */
  get(key: string): string[] {
    return this.#byKey.get(key) ?? [];
  }

  /** Each record with the keys it was added under: what a saved copy of the index holds. */
  *entries(): Generator<{ id: string; record: T; keys: string[] }> {
    const keysOf = new Map<string, string[]>();
    for (const [key, ids] of this.#byKey)
      for (const id of ids) {
        const list = keysOf.get(id);
        if (list) list.push(key);
        else keysOf.set(id, [key]);
      }
    for (const [id, record] of this.records) yield { id, record, keys: keysOf.get(id) ?? [] };
  }
}

/** The first key with candidates in the index decides, as `judge` says. */
export function lookup<T>(
  index: KeyIndex<T>,
  keys: MatchKey[],
  email: string | undefined,
  candidateOf: (id: string, record: T) => Candidate,
): Found {
  for (const key of keys) {
    const ids = index.get(key.key);
    const found = judge(
      key,
      ids.map((id) => candidateOf(id, index.records.get(id)!)),
      email,
    );
    if (found) return found;
  }
  return { kind: "none" };
}
