import { same, type Values } from "../../settings/index.ts";
import type { Pair } from "../pairs.ts";
import type { Vendor } from "./side.ts";

/**
 * The two-way merge (ADR 0034), pure: each mapped field of a linked pair is resolved against the
 * last value both sides agreed on (the link's baseline). Changed on one side only → it goes to the
 * other side, if the field may flow that way; changed on both since the agreement, and different →
 * a conflict, and the winner's value goes to the other side; equal → nothing, and that value
 * becomes the agreement. Ledgerlink's own write comes back (echo) equal to the agreement it left,
 * so it is no change.
 */

/** A mapped pair as the merge sees it: which ways its values may flow under the settings. */
export interface MergePair extends Pair {
  toHubspot: boolean;
  toQbo: boolean;
}

/** The key of a pair in a link's baseline: the mapping's own unique pair. */
export const pairKey = (pair: Pair): string => `${pair.hubspotProperty}|${pair.field.path}`;

export type FieldMerge =
  /** Both sides hold this value: it is the new agreement. */
  | { kind: "agree"; value: string }
  /** Write the other side's value into `to`; `conflict` when both had changed. */
  | { kind: "write"; to: Vendor; value: string; conflict: boolean }
  /** The changed side's value may not flow to the other one (a one-way pair or mapping). */
  | { kind: "hold" };

export interface FieldState {
  qbo: string | undefined;
  hubspot: string | undefined;
  /** The last agreed value; undefined when the link has none for this field. */
  agreed: string | undefined;
}

const isEmpty = (v: string | undefined) => v === undefined || v.trim() === "";
const other = (v: Vendor): Vendor => (v === "qbo" ? "hubspot" : "qbo");

/** The side whose value stands when both changed: the configured winner, or the only source. */
function winnerOf(flows: { toHubspot: boolean; toQbo: boolean }, winner: Vendor): Vendor | undefined {
  if (flows.toHubspot && flows.toQbo) return winner;
  if (flows.toHubspot) return "qbo";
  if (flows.toQbo) return "hubspot";
  return undefined;
}

/** One field's three-way merge. */
export function mergeField(
  state: FieldState,
  flows: { toHubspot: boolean; toQbo: boolean },
  winner: Vendor,
): FieldMerge {
  const { qbo, hubspot, agreed } = state;
  if (same(qbo, hubspot)) return { kind: "agree", value: (qbo ?? hubspot ?? "").trim() };
  let qboChanged: boolean;
  let hubspotChanged: boolean;
  if (agreed !== undefined) {
    qboChanged = !same(qbo, agreed);
    hubspotChanged = !same(hubspot, agreed);
  } else {
    // No agreement known: an empty side has nothing to keep, so the other side's value fills it
    // (a missing value never wipes data); two different values are a conflict.
    qboChanged = !isEmpty(qbo);
    hubspotChanged = !isEmpty(hubspot);
  }
  const conflict = qboChanged && hubspotChanged;
  const from = conflict ? winnerOf(flows, winner) : qboChanged ? "qbo" : "hubspot";
  if (!from) return { kind: "hold" };
  const to = other(from);
  if (!(to === "hubspot" ? flows.toHubspot : flows.toQbo)) return { kind: "hold" };
  return { kind: "write", to, value: (from === "qbo" ? qbo : hubspot) ?? "", conflict };
}

/**
 * The agreement of a field a link has no baseline for (links made before baselines, ADR 0034):
 * what Ledgerlink last wrote into either side was, at that moment, on both. When exactly one side
 * still holds such a value, that side has not changed since and the value is the agreement; when
 * both or neither do, it is unknown.
 */
export function legacyAgreed(
  state: Omit<FieldState, "agreed">,
  wrote: { hubspot: string | undefined; qbo: string | undefined },
): string | undefined {
  const known = [wrote.hubspot, wrote.qbo].filter((v): v is string => v !== undefined);
  const hubspotAt = known.find((v) => same(state.hubspot, v));
  const qboAt = known.find((v) => same(state.qbo, v));
  if (hubspotAt !== undefined && qboAt === undefined) return hubspotAt;
  if (qboAt !== undefined && hubspotAt === undefined) return qboAt;
  return undefined;
}

/** What a link knows for the merge: its baseline and what it remembers writing into each side. */
export interface LinkMemory {
  agreed: Record<string, string>;
  toHubspot: Record<string, string>;
  toQbo: Record<string, string>;
}

export interface RecordMerge {
  /** Writes into each side by that side's field name (null clears). */
  writes: Record<Vendor, Record<string, string | null>>;
  /** The baseline with the fields seen equal recorded (before any write). */
  agreed: Record<string, string>;
  /** What each side's successful write adds to the baseline. */
  agreedBy: Record<Vendor, Record<string, string>>;
  /** Per field, for the ledger. */
  fields: Array<{ pair: MergePair; merge: FieldMerge }>;
}

/** Every mapped field of one linked pair of records, merged. */
export function mergeRecord(input: {
  pairs: MergePair[];
  qbo: Values;
  hubspot: Values;
  link: LinkMemory;
  winner: Vendor;
}): RecordMerge {
  const { link } = input;
  const out: RecordMerge = {
    writes: { qbo: {}, hubspot: {} },
    agreed: { ...link.agreed },
    agreedBy: { qbo: {}, hubspot: {} },
    fields: [],
  };
  for (const pair of input.pairs) {
    const key = pairKey(pair);
    const qbo = input.qbo[pair.field.path];
    const hubspot = input.hubspot[pair.hubspotProperty];
    const agreed =
      key in link.agreed
        ? link.agreed[key]
        : legacyAgreed(
            { qbo, hubspot },
            { hubspot: link.toHubspot[pair.hubspotProperty], qbo: link.toQbo[pair.field.path] },
          );
    const merge = mergeField({ qbo, hubspot, agreed }, pair, input.winner);
    out.fields.push({ pair, merge });
    if (merge.kind === "agree") out.agreed[key] = merge.value;
    if (merge.kind === "write") {
      const field = merge.to === "qbo" ? pair.field.path : pair.hubspotProperty;
      out.writes[merge.to][field] = isEmpty(merge.value) ? null : merge.value;
      out.agreedBy[merge.to][key] = merge.value.trim();
    }
  }
  return out;
}

/** Why nothing (or not everything) was written, counted, for the ledger: "2 equal, 1 one-way". */
export function mergeSummary(merge: RecordMerge): string {
  const counts = new Map<string, number>();
  for (const { merge: m } of merge.fields) {
    const why = m.kind === "agree" ? "equal" : m.kind === "hold" ? "one-way" : undefined;
    if (why) counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  return [...counts].map(([why, n]) => `${n} ${why}`).join(", ") || "no mapped fields";
}

/**
 * The baseline of a link whose two records were just read or written (the initial sync): every
 * pair whose values are equal on both sides is agreed; others keep what the link had. The initial
 * sync may call this when it saves links, so the first incremental change already has a baseline.
 */
export function seedAgreed(
  pairs: Pair[],
  qbo: Values,
  hubspot: Values,
  previous: Record<string, string> = {},
): Record<string, string> {
  const agreed = { ...previous };
  for (const pair of pairs) {
    const q = qbo[pair.field.path];
    if (same(q, hubspot[pair.hubspotProperty])) agreed[pairKey(pair)] = (q ?? "").trim();
  }
  return agreed;
}
