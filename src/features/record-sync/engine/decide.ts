import type { SyncSettings, Values } from "../../settings/index.ts";
import { flowsToHubSpot, flowsToQbo, planFields } from "../../settings/index.ts";
import type { Candidate, Found } from "../identity/index.ts";
import type { Pair } from "../pairs.ts";
import type { RecordLink } from "../repo/record-links.ts";
import { fieldOf, memoryOf } from "./ends.ts";
import type { Vendor } from "./side.ts";

/**
 * The record sync's decisions, once for both directions and both modes, and pure: whether a change
 * flows, what a record that left the sync does to its linked one (delete rule), what a match
 * leads to (create-and-update rule, review), and which fields a linked record gets (echo and
 * conflict, through the mapping's planFields).
 */
type FieldPlan = ReturnType<typeof planFields>;
type SkipReason = FieldPlan["skipped"][number]["why"];

export type ObjectSettings = SyncSettings["contacts"] | SyncSettings["products"];

export const flowsTo = (settings: ObjectSettings, target: Vendor): boolean =>
  target === "hubspot" ? flowsToHubSpot(settings) : flowsToQbo(settings);

/** C3/P3's delete rule for a source record that was archived or made inactive. */
export type GoneStep = "nothing-linked" | "kept" | "take-out";

export function whenGone(link: RecordLink | undefined, settings: ObjectSettings): GoneStep {
  if (!link || link.archived) return "nothing-linked";
  return settings.deleteRule === "archive" ? "take-out" : "kept";
}

export type MatchStep =
  | { step: "review"; by: string; candidates: Candidate[] }
  | { step: "link"; id: string; by: string; candidate: Candidate }
  | { step: "create" }
  | { step: "update-only" };

/**
 * What an unlinked record does after matching: two fits (or a fit already linked to another
 * record) is a review, never a guess; one fit is linked; none is created unless the rule only
 * updates.
 */
export function afterMatch(
  found: Found,
  createUpdate: ObjectSettings["createUpdate"],
  taken: (id: string) => boolean,
): MatchStep {
  if (found.kind === "ambiguous") return { step: "review", by: found.by, candidates: found.candidates };
  if (found.kind === "matched")
    return taken(found.id)
      ? { step: "review", by: found.by, candidates: [found.candidate] }
      : { step: "link", id: found.id, by: found.by, candidate: found.candidate };
  return createUpdate === "update_only" ? { step: "update-only" } : { step: "create" };
}

/** Two-way sync where the target wins conflicts. */
export const targetWins = (settings: ObjectSettings, target: Vendor): boolean =>
  settings.direction === "two_way" && settings.winner === target;

/** The field-by-field plan for a linked record: source values over the target's current ones. */
export function planUpdate(input: {
  pairs: Pair[];
  from: Vendor;
  to: Vendor;
  source: Values;
  target: Values;
  link: RecordLink;
  settings: ObjectSettings;
}): FieldPlan {
  return planFields({
    pairs: input.pairs.map((p) => ({ source: fieldOf(p, input.from), target: fieldOf(p, input.to) })),
    source: input.source,
    target: input.target,
    lastToTarget: input.link[memoryOf(input.to)],
    lastToSource: input.link[memoryOf(input.from)],
    targetWins: targetWins(input.settings, input.to),
  });
}

/** A plan's changes as written values: a cleared field is sent empty. */
export const written = (changes: Record<string, string | null>): Record<string, string> =>
  Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v ?? ""]));

/** The non-empty mapped values of a source record, by target field: what a create carries. */
export function createValues(
  pairs: Pair[],
  from: Vendor,
  to: Vendor,
  source: Values,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const value = source[fieldOf(pair, from)];
    if (value) values[fieldOf(pair, to)] = value;
  }
  return values;
}

/** Why nothing was written, counted by reason, for the ledger. */
export function skipSummary(skipped: Array<{ why: SkipReason }>): string {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.why, (counts.get(s.why) ?? 0) + 1);
  return [...counts].map(([why, n]) => `${n} ${why}`).join(", ") || "no mapped fields";
}
