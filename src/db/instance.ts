import { sql } from "kysely";
import type { Database } from "./kysely.ts";
import type { Clock } from "../lib/clock.ts";

/** Records when this installation first started (kept across restarts) and returns it. */
export async function ensureInstalledAt(db: Database, clock: Clock): Promise<Date> {
  await db
    .insertInto("instanceSettings")
    .values({ key: "installed_at", value: JSON.stringify(clock.now().toISOString()) })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return installedAt(db).then((d) => d ?? clock.now());
}

export async function installedAt(db: Database): Promise<Date | undefined> {
  const row = await db
    .selectFrom("instanceSettings")
    .select("value")
    .where("key", "=", "installed_at")
    .executeTakeFirst();
  return row ? new Date(row.value as string) : undefined;
}

export interface WorkerBeat {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
  lastSeenAt: Date;
  jobsCompleted: number;
}

export async function recordHeartbeat(db: Database, beat: WorkerBeat): Promise<void> {
  await db
    .insertInto("workerHeartbeats")
    .values(beat)
    .onConflict((oc) =>
      oc.column("workerId").doUpdateSet({ lastSeenAt: beat.lastSeenAt, jobsCompleted: beat.jobsCompleted }),
    )
    .execute();
}

/** Workers seen in the last two minutes (a heartbeat is written every 30 s). */
export async function liveWorkers(db: Database, clock: Clock): Promise<WorkerBeat[]> {
  const since = new Date(clock.now().getTime() - 120_000);
  return db
    .selectFrom("workerHeartbeats")
    .selectAll()
    .where("lastSeenAt", ">=", since)
    .orderBy("startedAt")
    .execute();
}

export async function databaseReachable(db: Database): Promise<boolean> {
  return (await databaseError(db)) === undefined;
}

/** What the server answered when it would not run `SELECT 1` (no such database, refused…), or undefined. */
export async function databaseError(db: Database): Promise<unknown> {
  try {
    await sql`SELECT 1`.execute(db);
    return undefined;
  } catch (error) {
    return error ?? new Error("unknown database error");
  }
}

/** A worker that stops cleanly takes its row with it, so `status` stops listing it at once. */
export async function removeHeartbeat(db: Database, workerId: string): Promise<void> {
  await db.deleteFrom("workerHeartbeats").where("workerId", "=", workerId).execute();
}

const KEY_CHECK = "secret_key_check";

/** The key check value (lib/sealed-secrets.ts), sealed with the key of the last start; undefined before. */
export async function readKeyCheck(db: Database): Promise<string | undefined> {
  const row = await db
    .selectFrom("instanceSettings")
    .select("value")
    .where("key", "=", KEY_CHECK)
    .executeTakeFirst();
  return row ? (row.value as string) : undefined;
}

export async function writeKeyCheck(db: Database, sealed: string, now: Date): Promise<void> {
  const value = JSON.stringify(sealed);
  await db
    .insertInto("instanceSettings")
    .values({ key: KEY_CHECK, value, updatedAt: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: now }))
    .execute();
}
