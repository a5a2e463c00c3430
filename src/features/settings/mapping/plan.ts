/**
 * Field-by-field decision for one mapped write: loop and echo safety (ADR 0017). Pure.
 *
 * - Echo: a source value equal to what Ledgerlink last wrote into the source is our own write
 *   coming back; it is never written back.
 * - Unchanged: a value equal to what we last wrote into the target is not written again.
 * - Conflict (two-way): the target changed since our last write too; the configured winner stands.
 * - Empty: an empty source value clears a non-empty target only when Ledgerlink itself had written
 *   that target through this mapping (the user cleared the field at the source); otherwise a
 *   missing value never wipes data the other side holds.
 */
export type Values = Record<string, string | undefined>;

export interface FieldPlanInput {
  /** Mapped pairs, as source key → target key. */
  pairs: Array<{ source: string; target: string }>;
  source: Values;
  /** The target's current values; undefined when the target record is being created. */
  target: Values | undefined;
  lastToTarget: Record<string, string>;
  lastToSource: Record<string, string>;
  /** Two-way sync where the target side wins conflicts. */
  targetWins: boolean;
}

export type SkipReason = "echo" | "unchanged" | "conflict" | "empty";

export interface FieldPlan {
  /** Target key → new value; null clears the field. */
  changes: Record<string, string | null>;
  skipped: Array<{ key: string; why: SkipReason }>;
}

export function planFields(input: FieldPlanInput): FieldPlan {
  const changes: Record<string, string | null> = {};
  const skipped: FieldPlan["skipped"] = [];
  for (const { source, target } of input.pairs) {
    const why = skipReason(input, source, target);
    if (why) skipped.push({ key: target, why });
    else changes[target] = input.source[source] ?? null;
  }
  return { changes, skipped };
}

function skipReason(input: FieldPlanInput, sourceKey: string, targetKey: string): SkipReason | undefined {
  const value = input.source[sourceKey];
  const current = input.target?.[targetKey];
  const wroteSource = input.lastToSource[sourceKey];
  const wroteTarget = input.lastToTarget[targetKey];
  if (wroteSource !== undefined && same(value, wroteSource)) return "echo";
  if (same(value, current)) return "unchanged";
  if (input.target && wroteTarget !== undefined && same(value, wroteTarget)) return "unchanged";
  if (isEmpty(value) && !isEmpty(current) && wroteTarget === undefined) return "empty";
  const targetChanged = wroteTarget !== undefined && !same(current, wroteTarget);
  if (input.target && input.targetWins && targetChanged) return "conflict";
  return undefined;
}

const isEmpty = (v: string | undefined) => v === undefined || v.trim() === "";

/** Equal as the user would see them: trimmed, and numerically for numbers ("12.50" is "12.5"). */
export function same(a: string | undefined, b: string | undefined): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  const x = a!.trim();
  const y = b!.trim();
  if (x === y) return true;
  const nx = Number(x);
  const ny = Number(y);
  return /^-?[\d.]+$/.test(x) && /^-?[\d.]+$/.test(y) && Number.isFinite(nx) && nx === ny;
}

/** After a write: what the link now remembers as written into the target. */
export function rememberWritten(
  last: Record<string, string>,
  changes: Record<string, string | null>,
): Record<string, string> {
  const next = { ...last };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value.trim() === "") next[key] = "";
    else next[key] = value;
  }
  return next;
}
