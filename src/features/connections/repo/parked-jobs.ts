import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema/index.ts";

export interface ParkedJob {
  waitsFor: string;
  jobName: string;
  payload: unknown;
  reason: string;
}

/** Parks a job (once per owner, job and payload: parking the same work again changes nothing). */
export async function parkJob(db: Kysely<DB>, job: ParkedJob, now: Date): Promise<void> {
  await db
    .insertInto("parkedJobs")
    .values({ ...job, payload: JSON.stringify(job.payload), parkedAt: now })
    .onConflict((oc) => oc.columns(["waitsFor", "jobName", "payload"]).doNothing())
    .execute();
}

/** Takes every job parked for `waitsFor` (deleting them): the caller re-enqueues them in the same transaction. */
export async function takeParkedJobs(
  trx: Kysely<DB>,
  waitsFor: string,
): Promise<Array<{ jobName: string; payload: unknown }>> {
  const rows = await trx
    .deleteFrom("parkedJobs")
    .where("waitsFor", "=", waitsFor)
    .returning(["jobName", "payload"])
    .execute();
  return rows.map((r) => ({ jobName: r.jobName, payload: JSON.parse(r.payload) as unknown }));
}

/** How many jobs wait for each of `waitsFor` (the connections page's "waiting for reconnect"). */
export async function countParkedJobs(db: Kysely<DB>, waitsFor: string[]): Promise<Map<string, number>> {
  if (waitsFor.length === 0) return new Map();
  const rows = await db
    .selectFrom("parkedJobs")
    .select(["waitsFor", (eb) => eb.fn.countAll<string>().as("n")])
    .where("waitsFor", "in", waitsFor)
    .groupBy("waitsFor")
    .execute();
  return new Map(rows.map((r) => [r.waitsFor, Number(r.n)]));
}

/** The status of an owner named as in `parked_jobs.waits_for` ("qbo:<id>", "hubspot:<id>"). */
export async function ownerStatus(db: Kysely<DB>, owner: string): Promise<string | undefined> {
  const [vendor, id = ""] = splitOwner(owner);
  if (vendor === "qbo")
    return (
      await db.selectFrom("qboConnections").select("status").where("connectionId", "=", id).executeTakeFirst()
    )?.status;
  if (vendor === "hubspot")
    return (await db.selectFrom("portals").select("status").where("portalId", "=", id).executeTakeFirst())
      ?.status;
  return undefined;
}

const splitOwner = (owner: string): [string, string] => {
  const at = owner.indexOf(":");
  return [owner.slice(0, at), owner.slice(at + 1)];
};

/**
 * Locks the row of what `waitsFor` names and tells whether the wait is still on (the connection
 * still needs reconnecting, the portal is still not set up), over, or moot (the row is gone).
 */
export async function lockOwner(trx: Kysely<DB>, waitsFor: string): Promise<"waiting" | "ready" | "gone"> {
  const [what, id] = splitOwner(waitsFor);
  if (what === "qbo") {
    const row = await trx
      .selectFrom("qboConnections")
      .select("status")
      .where("connectionId", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return "gone";
    return row.status === "needs_reconnect" ? "waiting" : "ready";
  }
  const row = await trx
    .selectFrom("portals")
    .select(["status", "setupCompletedAt"])
    .where("portalId", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return "gone";
  const waiting = what === "setup" ? row.setupCompletedAt === null : row.status === "needs_reconnect";
  return waiting ? "waiting" : "ready";
}
