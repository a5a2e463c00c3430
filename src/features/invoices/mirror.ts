import { associateInvoice, upsertInvoiceObject } from "../../connectors/hubspot/invoices.ts";
import type { Database } from "../../db/kysely.ts";
import { recordLedger } from "../activity/index.ts";
import { findPortal } from "../connections/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";
import { loadSettings } from "../settings/index.ts";
import { archiveRecord, findBy } from "../../connectors/hubspot/records.ts";
import { readEntity } from "../../connectors/qbo/write.ts";
import { parseInvoice } from "../../connectors/qbo/wire/index.ts";
import { invoiceObjectProperties } from "../../connectors/hubspot/wire/index.ts";
import { mirrorDetail } from "./mirror-detail.ts";
import { invoiceWithCompany, linksOfInvoice, markLinkAssociated } from "./repo/index.ts";

/**
 * `mirror-invoice` (E2, S2, V2): the QBO invoice as a HubSpot invoice object carrying
 * `qbo_invoice_id`, `qbo_realm_id` and `qbo_invoice_status`, associated with the same deals,
 * contacts and companies as in Ledgerlink, so HubSpot's own lists, workflows and reports see it
 * (W1). Upserted by `qbo_invoice_key`: a rerun updates, never duplicates. With the company's invoice
 * sync on (V1–V2), it also gets its line items, the invoice field mappings and HubSpot's own status,
 * and a deleted or voided invoice follows the delete rule (archive the object, or keep it voided).
 */
export async function mirrorInvoiceHandler(
  deps: { db: Database; clock: Clock; clients: VendorClients },
  ctx: JobContext<{ invoiceKey: string }>,
): Promise<void> {
  const row = await invoiceWithCompany(deps.db, ctx.payload.invoiceKey);
  if (!row) return;
  const portal = await findPortal(deps.db, row.portalId);
  if (!portal || portal.status !== "active") return;
  const links = await linksOfInvoice(deps.db, row.invoiceKey);
  const http = deps.clients.hubspot(portal);
  const number = row.docNumber ?? row.qboInvoiceId;
  const invoiceSync = (await loadSettings(deps.db, row.connectionId)).invoices;
  if (invoiceSync.enabled && invoiceSync.deleteRule === "archive" && (row.deleted || row.state === "voided"))
    return archiveMirror(deps, ctx, row, http, number);
  const upsert = await upsertInvoiceObject(http, "qbo_invoice_key", {
    qbo_invoice_key: `${row.realmId}:${row.qboInvoiceId}`,
    qbo_invoice_id: row.qboInvoiceId,
    qbo_realm_id: row.realmId,
    qbo_invoice_number: number,
    qbo_invoice_status: row.state,
    qbo_invoice_amount: Number(row.totalAmt).toFixed(2),
    qbo_invoice_balance: Number(row.balance).toFixed(2),
    ...invoiceObjectProperties({
      currency: row.currency,
      title: `${row.companyName} #${number}`,
      invoiceDate: row.txnDate ?? undefined,
      dueDate: row.dueDate ?? undefined,
    }),
  });
  let failure = upsert.ok ? undefined : upsert.error;
  if (upsert.ok) {
    for (const link of links) {
      // The same object as last time keeps its associations: an update writes none again.
      if (link.associatedWith === upsert.value) continue;
      const linked = await associateInvoice(http, upsert.value, link.objectType, link.objectId);
      if (!linked.ok) failure ??= linked.error;
      else await markLinkAssociated(deps.db, { invoiceKey: row.invoiceKey, ...link }, upsert.value);
    }
  }
  let note: string | undefined;
  if (upsert.ok && !failure && invoiceSync.enabled && !row.deleted) {
    const qbo = await readEntity(deps.clients.qbo(row), "Invoice", row.qboInvoiceId);
    // Read through the QBO wire mapper; a malformed answer is a classified failure like any other.
    const invoice = qbo.ok ? parseInvoice(qbo.value) : qbo;
    const detail =
      qbo.ok && invoice.ok
        ? await mirrorDetail({
            db: deps.db,
            hubspot: http,
            raw: qbo.value,
            invoice: invoice.value,
            realmId: row.realmId,
            connectionId: row.connectionId,
            objectId: upsert.value,
            state: row.state,
          })
        : { error: invoice.ok ? undefined : invoice.error, note: undefined };
    failure = detail.error;
    note = detail.note;
  }
  if (failure?.retryable) throw new Error(`HubSpot invoice object: ${failure.message}`);
  await recordLedger(deps.db, {
    portalId: row.portalId,
    connectionId: row.connectionId,
    objectType: "invoice",
    objectId: row.qboInvoiceId,
    trigger: "invoice",
    decision: failure
      ? `Could not mirror invoice ${number} to HubSpot`
      : `Invoice ${number} mirrored to HubSpot invoice ${upsert.ok ? upsert.value : ""} (${links.length} associations)${note ? `; ${note}` : ""}`,
    outcome: failure ? "failed" : "ok",
    errorCategory: failure?.kind ?? null,
    errorMessage: failure?.message ?? null,
    retryJob: failure ? { name: "mirror-invoice", payload: ctx.payload } : null,
    jobId: ctx.jobId,
    at: deps.clock.now(),
  });
}

/** The delete rule of the invoice sync: the HubSpot object of a deleted or voided invoice is archived. */
async function archiveMirror(
  deps: { db: Database; clock: Clock },
  ctx: JobContext<{ invoiceKey: string }>,
  row: { portalId: string; connectionId: string; realmId: string; qboInvoiceId: string },
  http: ReturnType<VendorClients["hubspot"]>,
  number: string,
): Promise<void> {
  const found = await findBy(
    http,
    "invoices",
    [{ property: "qbo_invoice_key", value: `${row.realmId}:${row.qboInvoiceId}` }],
    ["qbo_invoice_key"],
    1,
  );
  const archived =
    found.ok && found.value[0] ? await archiveRecord(http, "invoices", found.value[0].id) : found;
  const failure = archived.ok ? undefined : archived.error;
  if (failure?.retryable) throw new Error(`HubSpot invoice object: ${failure.message}`);
  await recordLedger(deps.db, {
    portalId: row.portalId,
    connectionId: row.connectionId,
    objectType: "invoice",
    objectId: row.qboInvoiceId,
    trigger: "invoice",
    decision: failure
      ? `Could not archive the HubSpot invoice of ${number}`
      : `Invoice ${number} deleted or voided in QuickBooks: its HubSpot invoice is archived (delete rule)`,
    outcome: failure ? "failed" : "ok",
    errorCategory: failure?.kind ?? null,
    errorMessage: failure?.message ?? null,
    retryJob: failure ? { name: "mirror-invoice", payload: ctx.payload } : null,
    jobId: ctx.jobId,
    at: deps.clock.now(),
  });
}
