import type { Selectable } from "kysely";
import type { Database } from "../../../db/kysely.ts";
import type { InitialSyncsTable } from "../../../db/schema/index.ts";

export type InitialSyncRow = Selectable<InitialSyncsTable>;

export async function findInitialSync(db: Database, syncId: string): Promise<InitialSyncRow | undefined> {
  return db.selectFrom("initialSyncs").selectAll().where("syncId", "=", syncId).executeTakeFirst();
}

/** The runs of a company, newest first. */
export async function initialSyncsOf(db: Database, connectionId: string): Promise<InitialSyncRow[]> {
  return db
    .selectFrom("initialSyncs")
    .selectAll()
    .where("connectionId", "=", connectionId)
    .orderBy("startedAt", "desc")
    .limit(20)
    .execute();
}

export async function insertInitialSync(
  db: Database,
  row: Pick<InitialSyncRow, "syncId" | "connectionId" | "object" | "direction"> & {
    plan: unknown;
    progress: unknown;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto("initialSyncs")
    .values({
      ...row,
      status: "running",
      plan: JSON.stringify(row.plan),
      progress: JSON.stringify(row.progress),
      error: null,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
    })
    .execute();
}

/** Saves progress while the run is still running; false when it was paused (or ended) meanwhile. */
export async function saveProgress(
  db: Database,
  syncId: string,
  progress: unknown,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable("initialSyncs")
    .set({ progress: JSON.stringify(progress), updatedAt: now })
    .where("syncId", "=", syncId)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function setStatus(
  db: Database,
  syncId: string,
  from: InitialSyncRow["status"][],
  to: InitialSyncRow["status"],
  now: Date,
  extra: { progress?: unknown; error?: string | null } = {},
): Promise<boolean> {
  const res = await db
    .updateTable("initialSyncs")
    .set({
      status: to,
      updatedAt: now,
      ...(extra.progress !== undefined ? { progress: JSON.stringify(extra.progress) } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      ...(to === "done" || to === "failed" ? { finishedAt: now } : {}),
    })
    .where("syncId", "=", syncId)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Runs `work` in one transaction: a run's row and its queued job are recorded together or not at all. */
export function transaction<T>(db: Database, work: (trx: Database) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
