import { KeyIndex } from "../identity/index.ts";
import type { RunContext } from "../initial/context.ts";
import type { Database } from "../../../db/kysely.ts";
import {
  dropSavedIndex,
  loadSavedIndex,
  saveChunk,
  saveReadIndex,
  type SavedChunk,
} from "../repo/initial-index.ts";
import { isPending, pendingId, type Indexed } from "./side.ts";

/**
 * How long a saved index is trusted after the phase last saved to it (ADR 0047). A worker killed
 * and replaced within a minute resumes from it; a run retried the next day reads the target anew,
 * since other people's records may have come and gone meanwhile.
 */
export const INDEX_FRESH_MS = 15 * 60_000;

const phaseOf = (ctx: RunContext) => ({
  syncId: ctx.syncId,
  phase: ctx.progress.phase === "to_qbo" ? ("to_qbo" as const) : ("to_hubspot" as const),
});

const keyed = (keys: string[]) => keys.map((key) => ({ key }));

/**
 * What this phase saved, rebuilt: its index (the records read at its start and the ones its saved
 * chunks created) and those chunks by position, so a resume skips the ones whose writes landed.
 */
export async function restoreIndex<T>(
  ctx: RunContext,
): Promise<{ index: KeyIndex<Indexed<T>>; chunks: Map<number, SavedChunk> } | undefined> {
  const since = new Date(ctx.now().getTime() - INDEX_FRESH_MS);
  const saved = await loadSavedIndex(ctx.db, phaseOf(ctx), since);
  if (!saved) return undefined;
  const index = new KeyIndex<Indexed<T>>();
  for (const e of saved.read) index.add(e.id, e.record as T, keyed(e.keys));
  for (const chunk of saved.chunks.values())
    for (const e of chunk.created)
      index.add(pendingId(e.sourceId), { pending: true, label: e.label, email: e.email }, keyed(e.keys));
  return { index, chunks: saved.chunks };
}

/** Saves the records the phase just read from its target (none of its own creates yet). */
export async function saveIndex<T>(ctx: RunContext, index: KeyIndex<Indexed<T>>): Promise<void> {
  const read = [];
  for (const e of index.entries()) if (!isPending(e.record)) read.push(e);
  await saveReadIndex(ctx.db, phaseOf(ctx), read, ctx.now());
}

/** A finished phase needs its copy no more. */
export const dropIndex = (ctx: RunContext): Promise<void> => dropSavedIndex(ctx.db, phaseOf(ctx));

/** Saves, with the rest of a chunk's save (`db`: its transaction), what a resume needs to skip it. */
export const saveSavedChunk = (ctx: RunContext, db: Database, at: number, chunk: SavedChunk): Promise<void> =>
  saveChunk(db, { ...phaseOf(ctx), seq: at }, chunk, ctx.now());
