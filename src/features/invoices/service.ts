import { invoicePdf } from "../../connectors/qbo/pdf.ts";
import type { Database } from "../../db/kysely.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";
import { overduePass } from "./jobs.ts";
import { findInvoice, inTransaction, listInvoices, type InvoiceFilter } from "./repo/index.ts";
import { listQboConnections } from "../connections/index.ts";

/**
 * The operations of the Invoices page: the list with its filters, the on-demand overdue pass (S5)
 * and an invoice's PDF (I8).
 */

/** One portal's followed invoices as filtered, and its companies for the company filter. */
export async function invoicesPage(db: Database, portalId: string, filter: InvoiceFilter) {
  const rows = await listInvoices(db, portalId, filter);
  const companies = await listQboConnections(db, portalId);
  return { rows, companies };
}

/** S5 now rather than at the next hourly run, for one portal. */
export async function queueOverduePass(db: Database, queue: Enqueuer, portalId: string): Promise<void> {
  await inTransaction(db, (trx) => queue.enqueue(trx, overduePass, { portalId }).then(() => undefined));
}

export type InvoicePdf =
  | { kind: "not_found" }
  | { kind: "failed"; reason: string }
  | { kind: "pdf"; bytes: Uint8Array; fileName: string };

/**
 * The invoice's PDF as QBO renders it, if the invoice is this portal's (another portal's is not
 * found), named after its number.
 */
export async function invoicePdfOf(
  deps: { database: { db: Database }; clients?: VendorClients },
  portalId: string,
  invoiceKey: string,
): Promise<InvoicePdf> {
  const invoice = await findInvoice(deps.database.db, portalId, invoiceKey);
  if (!invoice || !deps.clients) return { kind: "not_found" };
  const pdf = await invoicePdf(deps.clients.qbo(invoice), invoice.qboInvoiceId);
  if (!pdf.ok) return { kind: "failed", reason: pdf.error.message };
  const name = `invoice-${invoice.docNumber ?? invoice.qboInvoiceId}.pdf`;
  return { kind: "pdf", bytes: pdf.value, fileName: name.replace(/[^\w.-]/g, "_") };
}
