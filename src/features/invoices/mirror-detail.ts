import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { getObject } from "../../connectors/hubspot/crm.ts";
import { batchUpsert, updateRecord } from "../../connectors/hubspot/records.ts";
import { associateInvoice } from "../../connectors/hubspot/invoices.ts";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { Database } from "../../db/kysely.ts";
import { listMappings } from "../settings/index.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import { readQboPath } from "../settings/index.ts";

type Line = {
  Id?: string;
  LineNum?: number;
  DetailType?: string;
  Amount?: number;
  Description?: string;
} & Record<string, unknown>;

/** The HubSpot status an invoice object should have for our derived state (HubSpot: draft, open, paid, voided). */
const HUBSPOT_STATUS: Record<InvoiceStateColumn, string> = {
  awaiting_send: "open",
  sent: "open",
  partially_paid: "open",
  overdue: "open",
  paid: "paid",
  voided: "voided",
};
/** HubSpot's status machine: the steps from one status to another (emulators/hubspot/object-rules.ts). */
const PATH: Record<string, Record<string, string[]>> = {
  draft: { open: ["open"], paid: ["open", "paid"], voided: ["open", "voided"] },
  open: { paid: ["paid"], voided: ["voided"] },
  paid: { open: ["open"], voided: ["open", "voided"] },
};

/**
 * What the invoice sync (V1–V2) adds to the mirrored invoice object: its line items (upserted by
 * `qbo_line_key` = realm:invoice:line, so a rerun never duplicates them), the invoice field
 * mappings, and HubSpot's own status (open, paid, voided) so HubSpot's lists and reports see it.
 * HubSpot refuses to open an invoice without a contact: then it stays a draft, and says why.
 */
export async function mirrorDetail(args: {
  db: Database;
  hubspot: HttpClient;
  invoice: QboEntity;
  realmId: string;
  connectionId: string;
  objectId: string;
  state: InvoiceStateColumn;
}): Promise<{ error?: VendorError; note?: string }> {
  const { hubspot, invoice, objectId } = args;
  const lines = ((invoice.Line as Line[] | undefined) ?? []).filter(
    (l) => l.DetailType === "SalesItemLineDetail",
  );
  const inputs = lines.map((line, i) => {
    const detail = (line.SalesItemLineDetail ?? {}) as {
      ItemRef?: { name?: string };
      Qty?: number;
      UnitPrice?: number;
    };
    const key = `${args.realmId}:${invoice.Id}:${line.Id ?? line.LineNum ?? i + 1}`;
    return {
      id: key,
      properties: {
        qbo_line_key: key,
        name: detail.ItemRef?.name ?? line.Description ?? `Line ${i + 1}`,
        quantity: String(detail.Qty ?? 1),
        price: String(detail.UnitPrice ?? line.Amount ?? 0),
        ...(line.Description ? { description: line.Description } : {}),
      },
    };
  });
  const upserted = await batchUpsert(hubspot, "line_items", "qbo_line_key", inputs);
  if (!upserted.ok) return { error: upserted.error };
  for (const item of upserted.value) {
    const linked = await associateInvoice(hubspot, objectId, "line_items", item.id);
    if (!linked.ok) return { error: linked.error };
  }
  const mapped = await mappedProperties(args.db, args.connectionId, invoice);
  if (Object.keys(mapped).length) {
    const res = await updateRecord(hubspot, "invoices", objectId, mapped);
    if (!res.ok) return { error: res.error };
  }
  return moveStatus(hubspot, objectId, HUBSPOT_STATUS[args.state], invoice);
}

async function mappedProperties(db: Database, connectionId: string, invoice: QboEntity) {
  const values: Record<string, string> = {};
  for (const m of await listMappings(db, connectionId, "invoice")) {
    if (m.direction === "to_qbo") continue;
    const value = readQboPath(invoice, m.qboField);
    if (value !== undefined) values[m.hubspotProperty] = value;
  }
  return values;
}

async function moveStatus(
  hubspot: HttpClient,
  objectId: string,
  target: string,
  invoice: QboEntity,
): Promise<{ error?: VendorError; note?: string }> {
  const current = await getObject(hubspot, "invoices", objectId, ["hs_invoice_status", "hs_amount_billed"]);
  if (!current.ok) return { error: current.error };
  const from = current.value.properties.hs_invoice_status ?? "draft";
  const paid = Math.max(0, Number(invoice.TotalAmt ?? 0) - Number(invoice.Balance ?? 0));
  for (const step of PATH[from]?.[target] ?? []) {
    const extra: Record<string, string> = step === "voided" ? {} : { hs_amount_paid: paid.toFixed(2) };
    const res = await updateRecord(hubspot, "invoices", objectId, { hs_invoice_status: step, ...extra });
    if (!res.ok) {
      if (res.error.kind === "validation" && from === "draft")
        return { note: `kept as a HubSpot draft: ${res.error.message}` };
      return { error: res.error };
    }
  }
  return {};
}
