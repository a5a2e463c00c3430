import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import type { QboEntity } from "../../../connectors/qbo/client.ts";
import { readQboPath } from "../../settings/index.ts";
import type { ContactSettings } from "../../settings/index.ts";
import type { RecordKind } from "../kinds.ts";

/**
 * The initial sync matches in memory, against an index of the other side read once in bulk (a few
 * list calls instead of one search per record, peers.md §3.2). Both sides turn a record into the
 * same ordered match keys (the rules of sync/records/match.ts): the first key with exactly one
 * record on the other side is a match; two is a review; a contradicting e-mail is a review.
 */
export interface MatchKey {
  by: string;
  key: string;
}

const norm = (s: string | null | undefined) =>
  (s ?? "").normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

function keys(pairs: Array<[by: string, parts: Array<string | null | undefined>]>): MatchKey[] {
  return pairs
    .filter(([, parts]) => parts.every((p) => norm(p)))
    .map(([by, parts]) => ({ by, key: `${by}:${parts.map(norm).join("|")}` }));
}

export function qboKeys(kind: RecordKind, entity: QboEntity, settings: ContactSettings): MatchKey[] {
  const v = (path: string) => readQboPath(entity, path);
  if (kind.link === "product")
    return keys([
      ["sku", [v("Sku")]],
      ["name", [v("Name")]],
    ]);
  if (kind.link === "company") return keys([["name", [v("CompanyName") ?? v("DisplayName")]]]);
  return keys([
    ["email", [v("PrimaryEmailAddr.Address")]],
    ...(settings.matchByNameAndCompany
      ? [
          ["name and company", [v("GivenName"), v("FamilyName"), v("CompanyName")]] as [
            string,
            Array<string | undefined>,
          ],
        ]
      : []),
    ...(settings.matchByPhone
      ? [["phone", [v("PrimaryPhone.FreeFormNumber")]] as [string, Array<string | undefined>]]
      : []),
  ]);
}

export function hubspotKeys(kind: RecordKind, record: CrmRecord, settings: ContactSettings): MatchKey[] {
  const p = record.properties;
  if (kind.link === "product")
    return keys([
      ["sku", [p.hs_sku]],
      ["name", [p.name]],
    ]);
  if (kind.link === "company") return keys([["name", [p.name]]]);
  return keys([
    ["email", [p.email]],
    ...(settings.matchByNameAndCompany
      ? [
          ["name and company", [p.firstname, p.lastname, p.company]] as [
            string,
            Array<string | null | undefined>,
          ],
        ]
      : []),
    ...(settings.matchByPhone ? [["phone", [p.phone]] as [string, Array<string | null | undefined>]] : []),
  ]);
}

export const emailOf = {
  qbo: (e: QboEntity) => norm(readQboPath(e, "PrimaryEmailAddr.Address")),
  hubspot: (r: CrmRecord) => norm(r.properties.email),
};

/** Records of one side, indexed by their match keys. */
export class KeyIndex<T> {
  readonly #byKey = new Map<string, string[]>();
  readonly records = new Map<string, T>();

  add(id: string, record: T, recordKeys: MatchKey[]): void {
    this.records.set(id, record);
    for (const { key } of recordKeys) {
      const ids = this.#byKey.get(key);
      if (ids) {
        if (!ids.includes(id)) ids.push(id);
      } else this.#byKey.set(key, [id]);
    }
  }

  /** The ids a key points at (empty when none). */
  get(key: string): string[] {
    return this.#byKey.get(key) ?? [];
  }
}

export type Found =
  | { kind: "matched"; id: string; by: string }
  | { kind: "ambiguous"; ids: string[]; by: string }
  | { kind: "none" };

/** The first key with candidates decides; a non-email match whose e-mail differs is not trusted. */
export function lookup<T>(
  index: KeyIndex<T>,
  wanted: MatchKey[],
  email: string,
  emailOfCandidate: (t: T) => string,
): Found {
  for (const { by, key } of wanted) {
    const ids = index.get(key);
    if (ids.length === 0) continue;
    if (ids.length > 1) return { kind: "ambiguous", ids, by };
    const other = emailOfCandidate(index.records.get(ids[0]!)!);
    if (by !== "email" && email && other && other !== email) return { kind: "ambiguous", ids, by };
    return { kind: "matched", id: ids[0]!, by };
  }
  return { kind: "none" };
}
