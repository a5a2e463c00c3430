import type { Database } from "../../../db/kysely.ts";
import type { Progress } from "../initial/progress.ts";

/*
 * The saved copy of an initial sync phase's target index (ADR 0047): `read` rows hold the records
 * the phase found when it started, `chunk` rows what each chunk did once its writes had landed.
 */

type PhaseName = "to_hubspot" | "to_qbo";

/** Records per `read` row: a slice of the index small enough to write and read in one go. */
const READ_SLICE = 1000;

export interface ReadEntry {
  id: string;
  keys: string[];
  record: unknown;
}

export interface CreatedEntry {
  sourceId: string;
  keys: string[];
  label: string;
  email?: string;
}

/** A chunk whose writes landed and whose links are saved, though the checkpoint may be behind it. */
export interface SavedChunk {
  /** Its source records, in order: a resumed run skips the chunk only if it holds the same ones. */
  sourceIds: string[];
  /** The keys of the creates it planned (the index's pending entries for them). */
  created: CreatedEntry[];
  /** What it counted, folded into the run's progress when the checkpoint passes it. */
  tally: Pick<Progress, "counts" | "examples">;
}

export interface SavedIndex {
  read: ReadEntry[];
  /** Chunks by their position in the phase (the number of source records before them). */
  chunks: Map<number, SavedChunk>;
}

/**
 * Replaces the phase's saved index with the records just read, in one transaction: a crash leaves
 * either no copy or the whole of it.
 */
export async function saveReadIndex(
  db: Database,
  at: { syncId: string; phase: PhaseName },
  entries: ReadEntry[],
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await dropSavedIndex(trx, at);
    // An empty target still gets its row: it says the read happened.
    for (let seq = 0; seq === 0 || seq * READ_SLICE < entries.length; seq++)
      await trx
        .insertInto("initialSyncIndex")
        .values({
          ...at,
          kind: "read",
          seq,
          entries: JSON.stringify(entries.slice(seq * READ_SLICE, (seq + 1) * READ_SLICE)),
          savedAt: now,
        })
        .execute();
  });
}

/**
 * Saves a chunk at its position in the phase. The same chunk saved again (decided anew after a
 * crash before its checkpoint) keeps the first copy: its records are linked by then.
 */
export async function saveChunk(
  db: Database,
  at: { syncId: string; phase: PhaseName; seq: number },
  chunk: SavedChunk,
  now: Date,
): Promise<void> {
  await db
    .insertInto("initialSyncIndex")
    .values({ ...at, kind: "chunk", entries: JSON.stringify(chunk), savedAt: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The phase's saved index, when it has one saved since `since`; undefined otherwise. */
export async function loadSavedIndex(
  db: Database,
  at: { syncId: string; phase: PhaseName },
  since: Date,
): Promise<SavedIndex | undefined> {
  const rows = await db
    .selectFrom("initialSyncIndex")
    .select(["kind", "seq", "entries", "savedAt"])
    .where("syncId", "=", at.syncId)
    .where("phase", "=", at.phase)
    .orderBy("kind", "desc")
    .orderBy("seq")
    .execute();
  if (!rows.some((r) => r.kind === "read")) return undefined;
  const latest = Math.max(...rows.map((r) => new Date(r.savedAt).getTime()));
  if (latest < since.getTime()) return undefined;
  const saved: SavedIndex = { read: [], chunks: new Map() };
  for (const row of rows)
    if (row.kind === "read") saved.read.push(...(row.entries as ReadEntry[]));
    else saved.chunks.set(row.seq, row.entries as SavedChunk);
  return saved;
}

export async function dropSavedIndex(db: Database, at: { syncId: string; phase: PhaseName }): Promise<void> {
  await db
    .deleteFrom("initialSyncIndex")
    .where("syncId", "=", at.syncId)
    .where("phase", "=", at.phase)
    .execute();
}
