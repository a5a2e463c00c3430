import type { Selectable } from "kysely";
import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/kysely.ts";
import type { InvoiceDraftsTable } from "../../../db/schema/index.ts";

export type DraftRow = Selectable<InvoiceDraftsTable>;

export interface DraftOwner {
  portalId: string;
  dealId: string;
  hubspotUserId: string;
}

/**
 * The open draft of this deal and HubSpot user, created on first use (I1–I7: a reload, the back
 * button or a closed tab resumes it). Two tabs opening at once meet on the unique index and both
 * get the same row.
 */
export async function openDraft(db: Database, owner: DraftOwner, now: Date): Promise<DraftRow> {
  const find = () =>
    db
      .selectFrom("invoiceDrafts")
      .selectAll()
      .where("portalId", "=", owner.portalId)
      .where("dealId", "=", owner.dealId)
      .where("hubspotUserId", "=", owner.hubspotUserId)
      .where("closedAt", "is", null)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return existing;
  await db
    .insertInto("invoiceDrafts")
    .values({
      draftId: randomUUID(),
      ...owner,
      status: "editing",
      step: "company",
      data: JSON.stringify({ lines: [] }),
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await find())!;
}

/** Saves the wizard's data and step; only while editing (a submitted draft is frozen). */
export async function saveDraft(db: Database, draftId: string, data: unknown, step: string, now: Date) {
  const res = await db
    .updateTable("invoiceDrafts")
    .set({ data: JSON.stringify(data), step, error: null, updatedAt: now })
    .where("draftId", "=", draftId)
    .where("status", "=", "editing")
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** editing → submitting, atomically: the second click of a double click finds nothing to do (I10). */
export async function submitDraft(trx: Database, draftId: string, now: Date): Promise<boolean> {
  const res = await trx
    .updateTable("invoiceDrafts")
    .set({ status: "submitting", error: null, updatedAt: now })
    .where("draftId", "=", draftId)
    .where("status", "=", "editing")
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** "Create another invoice": the created draft is kept as a record, a new one starts next time. */
export async function closeDraft(db: Database, draftId: string, now: Date): Promise<void> {
  await db
    .updateTable("invoiceDrafts")
    .set({ closedAt: now, updatedAt: now })
    .where("draftId", "=", draftId)
    .where("status", "=", "created")
    .execute();
}

/**
 * One draft by id, only if it belongs to this portal; the caller checks deal and user against the
 * embed token too, so a draft id from another portal, deal or user is simply not found (404).
 */
export async function findDraft(
  db: Database,
  portalId: string,
  draftId: string,
): Promise<DraftRow | undefined> {
  return db
    .selectFrom("invoiceDrafts")
    .selectAll()
    .where("portalId", "=", portalId)
    .where("draftId", "=", draftId)
    .executeTakeFirst();
}

/** One draft by id, whoever owns it (the `push-invoice` job has no embed token to check against). */
export async function draftById(db: Database, draftId: string): Promise<DraftRow | undefined> {
  return db.selectFrom("invoiceDrafts").selectAll().where("draftId", "=", draftId).executeTakeFirst();
}

/**
 * Replaces a draft's data whatever its status: the new QBO customer's id is kept the moment it
 * exists (I3), so a rerun of `push-invoice` after a crash uses it instead of creating another.
 */
export async function replaceDraftData(db: Database, draftId: string, data: unknown): Promise<void> {
  await db
    .updateTable("invoiceDrafts")
    .set({ data: JSON.stringify(data) })
    .where("draftId", "=", draftId)
    .execute();
}

/** submitting → created, with the invoice it made (the wizard's last page shows it, I8). */
export async function markDraftCreated(
  db: Database,
  draftId: string,
  invoiceKey: string | undefined,
  now: Date,
): Promise<void> {
  await db
    .updateTable("invoiceDrafts")
    .set({ status: "created", invoiceKey, error: null, updatedAt: now })
    .where("draftId", "=", draftId)
    .execute();
}

/** submitting → editing with the reason, so the wizard shows it and the user can fix the draft. */
export async function returnDraftToWizard(
  db: Database,
  draftId: string,
  error: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("invoiceDrafts")
    .set({ status: "editing", error, updatedAt: now })
    .where("draftId", "=", draftId)
    .where("status", "=", "submitting")
    .execute();
}
