import type { Selectable } from "kysely";
import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/kysely.ts";
import type { LinkKind, ReviewItemsTable } from "../../../db/schema/index.ts";

export type ReviewItemRow = Selectable<ReviewItemsTable>;

export interface ReviewCandidate {
  id: string;
  label: string;
  /** Its e-mail, so the user can tell candidates apart. */
  email?: string;
}

/** Puts a record on the review list (or refreshes its reason); it stays until a user decides. */
export async function addReview(
  db: Database,
  item: {
    connectionId: string;
    kind: LinkKind;
    side: "hubspot" | "qbo";
    recordId: string;
    label: string;
    reason: string;
    candidates: ReviewCandidate[];
  },
  now: Date,
): Promise<void> {
  const candidates = JSON.stringify(item.candidates);
  await db
    .insertInto("reviewItems")
    .values({ reviewId: randomUUID(), ...item, candidates, status: "open", createdAt: now, resolvedAt: null })
    .onConflict((oc) =>
      oc.columns(["connectionId", "kind", "side", "recordId"]).doUpdateSet({
        label: item.label,
        reason: item.reason,
        candidates,
        status: "open",
        resolvedAt: null,
      }),
    )
    .execute();
}

export async function openReviews(db: Database, connectionId: string): Promise<ReviewItemRow[]> {
  return db
    .selectFrom("reviewItems")
    .selectAll()
    .where("connectionId", "=", connectionId)
    .where("status", "=", "open")
    .orderBy("createdAt")
    .execute();
}

export async function closeReview(
  db: Database,
  connectionId: string,
  reviewId: string,
  status: "resolved" | "dismissed",
  now: Date,
): Promise<ReviewItemRow | undefined> {
  return db
    .updateTable("reviewItems")
    .set({ status, resolvedAt: now })
    .where("connectionId", "=", connectionId)
    .where("reviewId", "=", reviewId)
    .where("status", "=", "open")
    .returningAll()
    .executeTakeFirst();
}
