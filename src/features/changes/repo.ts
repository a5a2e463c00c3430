import type { Database } from "../../db/kysely.ts";
import { metrics } from "../../lib/metrics.ts";

export interface Delivery {
  vendor: "hubspot" | "qbo";
  accountId: string;
  /** Stable per event (vendor event id, or a hash of its identifying fields): replays are dropped. */
  dedupeKey: string;
  payload: unknown;
  receivedAt: Date;
}

/** Stores a webhook event once; returns false when it was already there (a replay or a retry). */
export async function storeDelivery(db: Database, d: Delivery): Promise<boolean> {
  const row = await db
    .insertInto("webhookInbox")
    .values({ ...d, payload: JSON.stringify(d.payload) })
    .onConflict((oc) => oc.columns(["vendor", "dedupeKey"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks deliveries processed, observing each one's webhook-to-job lag (by the injected clock). */
export async function markProcessed(db: Database, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .updateTable("webhookInbox")
    .set({ processedAt: now })
    .where("id", "in", ids)
    .returning(["vendor", "receivedAt"])
    .execute();
  for (const row of rows) {
    const lagMs = Math.max(0, now.getTime() - new Date(row.receivedAt).getTime());
    metrics.webhookLagSeconds.observe({ vendor: row.vendor }, lagMs / 1000);
  }
}

/** The oldest unprocessed delivery of each account (QBO realm or HubSpot portal), for `/metrics`. */
export async function oldestUnprocessedChanges(
  db: Database,
): Promise<Array<{ vendor: string; accountId: string; receivedAt: Date }>> {
  const rows = await db
    .selectFrom("webhookInbox")
    .select(["vendor", "accountId", (eb) => eb.fn.min("receivedAt").as("receivedAt")])
    .where("processedAt", "is", null)
    .groupBy(["vendor", "accountId"])
    .execute();
  return rows.map((r) => ({ vendor: r.vendor, accountId: r.accountId, receivedAt: new Date(r.receivedAt) }));
}

export async function unprocessed(db: Database, vendor: Delivery["vendor"], accountId: string) {
  return db
    .selectFrom("webhookInbox")
    .select(["id", "payload", "receivedAt"])
    .where("vendor", "=", vendor)
    .where("accountId", "=", accountId)
    .where("processedAt", "is", null)
    .orderBy("id")
    .execute();
}

export async function readCheckpoint(db: Database, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("syncCheckpoints")
    .select("cursor")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.cursor;
}

export async function writeCheckpoint(db: Database, key: string, cursor: string, now: Date): Promise<void> {
  await db
    .insertInto("syncCheckpoints")
    .values({ key, cursor, updatedAt: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ cursor, updatedAt: now }))
    .execute();
}
