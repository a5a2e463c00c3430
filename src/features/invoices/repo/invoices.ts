import type { Database } from "../../../db/kysely.ts";
import type { InvoiceLinksTable, InvoiceStateColumn, InvoicesTable } from "../../../db/schema/index.ts";
import type { Selectable } from "kysely";

export type InvoiceRow = Selectable<InvoicesTable>;
export type LinkedObjectType = InvoiceLinksTable["objectType"];

export const invoiceKeyOf = (connectionId: string, qboInvoiceId: string) => `${connectionId}:${qboInvoiceId}`;

/** What Ledgerlink keeps of one QBO invoice, in plain values (facts.ts reads it from QBO). */
export interface InvoiceRecord {
  qboInvoiceId: string;
  docNumber: string | null;
  customerId: string;
  customerName: string;
  currency: string;
  totalAmt: number;
  balance: number;
  txnDate: string | null;
  dueDate: string | null;
  emailStatus: string | null;
  printStatus: string | null;
  deliveredAt: string | null;
  privateNote: string | null;
  deleted: boolean;
  qboUpdatedAt: Date;
}

export interface InvoiceUpsert {
  portalId: string;
  connectionId: string;
  realmId: string;
  origin: InvoicesTable["origin"];
  state: InvoiceStateColumn;
  record: InvoiceRecord;
}

/** A stored row as the record it was written from. */
export function recordOf(row: InvoiceRow): InvoiceRecord {
  return {
    qboInvoiceId: row.qboInvoiceId,
    docNumber: row.docNumber,
    customerId: row.customerId,
    customerName: row.customerName,
    currency: row.currency,
    totalAmt: Number(row.totalAmt),
    balance: Number(row.balance),
    txnDate: row.txnDate,
    dueDate: row.dueDate,
    emailStatus: row.emailStatus,
    printStatus: row.printStatus,
    deliveredAt: row.deliveredAt,
    privateNote: row.privateNote,
    deleted: row.deleted,
    qboUpdatedAt: row.qboUpdatedAt,
  };
}

/**
 * Inserts or refreshes an invoice's facts. An older copy never overwrites a newer one (a late
 * webhook pull after a reconcile), and the first origin is kept ("wizard" stays "wizard").
 * Returns the key, and whether anything the user can see changed.
 */
export async function upsertInvoice(
  db: Database,
  u: InvoiceUpsert,
  now: Date,
): Promise<{ invoiceKey: string; changed: boolean }> {
  const invoiceKey = invoiceKeyOf(u.connectionId, u.record.qboInvoiceId);
  const before = await db
    .selectFrom("invoices")
    .select(["state", "qboUpdatedAt", "balance", "dueDate", "docNumber", "totalAmt", "deleted"])
    .where("invoiceKey", "=", invoiceKey)
    .executeTakeFirst();
  if (before && before.qboUpdatedAt.getTime() > u.record.qboUpdatedAt.getTime()) {
    return { invoiceKey, changed: false };
  }
  const values = {
    ...u.record,
    totalAmt: u.record.totalAmt.toFixed(2),
    balance: u.record.balance.toFixed(2),
    state: u.state,
    updatedAt: now,
  };
  await db
    .insertInto("invoices")
    .values({
      invoiceKey,
      portalId: u.portalId,
      connectionId: u.connectionId,
      realmId: u.realmId,
      origin: u.origin,
      createdAt: now,
      ...values,
    })
    .onConflict((oc) => oc.column("invoiceKey").doUpdateSet(values))
    .execute();
  const changed =
    !before ||
    before.state !== u.state ||
    before.qboUpdatedAt.getTime() !== u.record.qboUpdatedAt.getTime() ||
    Number(before.balance) !== u.record.balance ||
    Number(before.totalAmt) !== u.record.totalAmt ||
    before.dueDate !== u.record.dueDate ||
    before.docNumber !== u.record.docNumber ||
    before.deleted !== u.record.deleted;
  return { invoiceKey, changed };
}

/** Associates an invoice with a HubSpot record (E2); associating twice is a no-op. */
export async function linkInvoice(
  db: Database,
  link: { invoiceKey: string; portalId: string; objectType: LinkedObjectType; objectId: string },
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto("invoiceLinks")
    .values({ ...link, createdAt: now })
    .onConflict((oc) => oc.columns(["invoiceKey", "objectType", "objectId"]).doNothing())
    .returning("invoiceKey")
    .executeTakeFirst();
  return row !== undefined;
}

/** What we last stored of one invoice, as its record and derived state; undefined before the first sighting. */
export async function storedInvoice(db: Database, invoiceKey: string) {
  const row = await db
    .selectFrom("invoices")
    .selectAll()
    .where("invoiceKey", "=", invoiceKey)
    .executeTakeFirst();
  return row ? { record: recordOf(row), state: row.state } : undefined;
}

/** An invoice's stored state and number (what a change's ledger line says), if we follow it. */
export async function invoiceStateOf(db: Database, invoiceKey: string) {
  return db
    .selectFrom("invoices")
    .select(["state", "docNumber"])
    .where("invoiceKey", "=", invoiceKey)
    .executeTakeFirst();
}

/**
 * The invoices that time alone can still move (S5): not paid or voided, with a due date, each
 * with its company's time zone; one portal's, or every portal's.
 */
export async function invoicesThatMayTurn(db: Database, portalId?: string) {
  let query = db
    .selectFrom("invoices as i")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .selectAll("i")
    .select("c.timeZone")
    .where("i.state", "not in", ["paid", "voided"])
    .where("i.dueDate", "is not", null);
  if (portalId) query = query.where("i.portalId", "=", portalId);
  return query.execute();
}

export async function setInvoiceState(
  db: Database,
  invoiceKey: string,
  state: InvoiceStateColumn,
  now: Date,
): Promise<void> {
  await db
    .updateTable("invoices")
    .set({ state, updatedAt: now })
    .where("invoiceKey", "=", invoiceKey)
    .execute();
}

/** One invoice by key with its company's name, whichever portal it is in (the jobs' view). */
export async function invoiceWithCompany(db: Database, invoiceKey: string) {
  return db
    .selectFrom("invoices as i")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .selectAll("i")
    .select("c.companyName")
    .where("i.invoiceKey", "=", invoiceKey)
    .executeTakeFirst();
}

export async function findInvoice(db: Database, portalId: string, invoiceKey: string) {
  return db
    .selectFrom("invoices as i")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .selectAll("i")
    .select(["c.companyName", "c.timeZone"])
    .where("i.portalId", "=", portalId)
    .where("i.invoiceKey", "=", invoiceKey)
    .executeTakeFirst();
}

export interface InvoiceFilter {
  state?: InvoiceStateColumn;
  connectionId?: string;
  customer?: string;
  dealId?: string;
  dueFrom?: string;
  dueTo?: string;
}

/** The Invoices page: every followed invoice of one portal, newest QBO change first, with its links. */
export async function listInvoices(db: Database, portalId: string, f: InvoiceFilter, limit = 500) {
  let q = db
    .selectFrom("invoices as i")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .selectAll("i")
    .select("c.companyName")
    .where("i.portalId", "=", portalId);
  if (f.state) q = q.where("i.state", "=", f.state);
  if (f.connectionId) q = q.where("i.connectionId", "=", f.connectionId);
  if (f.customer)
    q = q.where("i.customerName", "ilike", `%${f.customer.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (f.dueFrom) q = q.where("i.dueDate", ">=", f.dueFrom);
  if (f.dueTo) q = q.where("i.dueDate", "<=", f.dueTo);
  if (f.dealId) {
    const dealId = f.dealId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("invoiceLinks as l")
          .select("l.invoiceKey")
          .whereRef("l.invoiceKey", "=", "i.invoiceKey")
          .where("l.objectType", "=", "deals")
          .where("l.objectId", "=", dealId),
      ),
    );
  }
  const rows = await q.orderBy("i.qboUpdatedAt", "desc").limit(limit).execute();
  const links = rows.length
    ? await db
        .selectFrom("invoiceLinks")
        .select(["invoiceKey", "objectType", "objectId"])
        .where(
          "invoiceKey",
          "in",
          rows.map((r) => r.invoiceKey),
        )
        .execute()
    : [];
  return rows.map((r) => ({ ...r, links: links.filter((l) => l.invoiceKey === r.invoiceKey) }));
}
