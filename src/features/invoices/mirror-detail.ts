import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { getObject } from "../../connectors/hubspot/crm.ts";
import { batchUpsert, updateRecord } from "../../connectors/hubspot/records.ts";
import { associateInvoice } from "../../connectors/hubspot/invoices.ts";
import {
  HUBSPOT_INVOICE_PROPERTIES,
  invoiceStatusProperties,
  parseHubSpotInvoice,
} from "../../connectors/hubspot/wire/index.ts";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { Invoice } from "../../domain/accounting.ts";
import type { Database } from "../../db/kysely.ts";
import { listMappings } from "../settings/index.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import { readQboPath } from "../settings/index.ts";

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
  /** QBO's answer as read: the invoice field mappings name its fields (the user's choice). */
  raw: QboEntity;
  invoice: Invoice;
  realmId: string;
  connectionId: string;
  objectId: string;
  state: InvoiceStateColumn;
}): Promise<{ error?: VendorError; note?: string }> {
  const { hubspot, invoice, objectId } = args;
  // The item lines only (the wire mapper leaves subtotal and discount lines out).
  const inputs = invoice.lines.map((line, i) => {
    const key = `${args.realmId}:${invoice.id}:${line.id ?? line.lineNum ?? i + 1}`;
    return {
      id: key,
      properties: {
        qbo_line_key: key,
        name: line.itemName ?? line.description ?? `Line ${i + 1}`,
        quantity: String(line.quantity),
        price: String(line.unitPrice),
        ...(line.description ? { description: line.description } : {}),
      },
    };
  });
  const upserted = await batchUpsert(hubspot, "line_items", "qbo_line_key", inputs);
  if (!upserted.ok) return { error: upserted.error };
  for (const item of upserted.value) {
    const linked = await associateInvoice(hubspot, objectId, "line_items", item.id);
    if (!linked.ok) return { error: linked.error };
  }
  const mapped = await mappedProperties(args.db, args.connectionId, args.raw);
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
  invoice: Invoice,
): Promise<{ error?: VendorError; note?: string }> {
  const current = await getObject(hubspot, "invoices", objectId, [...HUBSPOT_INVOICE_PROPERTIES]);
  if (!current.ok) return { error: current.error };
  const object = parseHubSpotInvoice(current.value);
  if (!object.ok) return { error: object.error };
  const from = object.value.status ?? "draft";
  const paid = Math.max(0, invoice.totalAmt - invoice.balance);
  for (const step of PATH[from]?.[target] ?? []) {
    const res = await updateRecord(hubspot, "invoices", objectId, invoiceStatusProperties(step, paid));
    if (!res.ok) {
      if (res.error.kind === "validation" && from === "draft")
        return { note: `kept as a HubSpot draft: ${res.error.message}` };
      return { error: res.error };
    }
  }
  return {};
}
