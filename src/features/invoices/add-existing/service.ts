import type { VendorError } from "../../../connectors/http-client.ts";
import type { QboEntity } from "../../../connectors/qbo/client.ts";
import { readEntity } from "../../../connectors/qbo/write.ts";
import type { Database } from "../../../db/kysely.ts";
import type { Clock } from "../../../lib/clock.ts";
import { ok, type Result } from "../../../lib/result.ts";
import type { Enqueuer } from "../../../queue/catalogue.ts";
import type { VendorClients } from "../../connections/index.ts";
import { inTransaction, linkedQboInvoiceIds, type LinkedObjectType } from "../repo/index.ts";
import { listQboConnections } from "../../connections/index.ts";
import { trackInvoices } from "../track.ts";
import { searchQboInvoices, SEARCH_LIMIT, type FoundInvoice, type InvoiceSearch } from "./search.ts";

/**
 * "Add existing invoice" (E1–E2): which company, a search of its invoices in QBO, and following
 * the ticked ones like created ones (linked to the record, mirrored, driving a deal's properties).
 */

/** What these operations need of the app's dependencies (the app passes its own). */
export interface AddExistingDeps {
  database: { db: Database };
  clock: Clock;
  clients?: VendorClients;
  queue?: Enqueuer;
}

/** The HubSpot record the iframe was opened on. */
export interface OpenedRecord {
  portalId: string;
  objectType: LinkedObjectType;
  objectId: string;
}

export type Company = Awaited<ReturnType<typeof listQboConnections>>[number];

/** The portal's companies, and the one the form names or the only active one; none means "ask". */
export async function chooseCompany(db: Database, portalId: string, requested: string | undefined) {
  const all = await listQboConnections(db, portalId);
  const active = all.filter((x) => x.status === "active");
  if (requested) return { all, company: active.find((x) => x.connectionId === requested), named: true };
  return { all, company: active.length === 1 ? active[0] : undefined, named: false };
}

/** The company's invoices that match, each marked when it is already on the record. */
export async function searchInvoices(
  deps: AddExistingDeps,
  company: Company,
  search: InvoiceSearch,
  record: OpenedRecord,
): Promise<Result<{ results: Array<FoundInvoice & { already: boolean }>; limited: boolean }, VendorError>> {
  const found = await searchQboInvoices(deps.clients!.qbo(company), company, search, deps.clock.now());
  if (!found.ok) return found;
  const already = await linkedQboInvoiceIds(deps.database.db, record, company.connectionId);
  return ok({
    results: found.value.map((f) => ({ ...f, already: already.has(f.id) })),
    limited: found.value.length >= SEARCH_LIMIT,
  });
}

export type AddOutcome =
  | { kind: "added"; added: number; already: number }
  | { kind: "not_found" }
  | { kind: "read_failed"; reason: string };

/**
 * Follows the ticked invoices, each read from QBO first: the facts we store are QuickBooks' own,
 * as of now. Invoices and links commit together with the jobs they queue.
 */
export async function addInvoices(
  deps: AddExistingDeps,
  company: Company,
  ids: string[],
  record: OpenedRecord,
): Promise<AddOutcome> {
  const db = deps.database.db;
  const http = deps.clients!.qbo(company);
  const invoices: QboEntity[] = [];
  for (const id of new Set(ids)) {
    const read = await readEntity(http, "Invoice", id);
    if (!read.ok)
      return read.error.kind === "not_found"
        ? { kind: "not_found" }
        : { kind: "read_failed", reason: read.error.message };
    invoices.push(read.value);
  }
  const before = await linkedQboInvoiceIds(db, record, company.connectionId);
  await inTransaction(db, (trx) =>
    trackInvoices(trx, deps.queue!, {
      connection: company,
      invoices,
      origin: "added",
      links: [{ objectType: record.objectType, objectId: record.objectId }],
      now: deps.clock.now(),
    }),
  );
  // Each invoice was read by its id, so the ids asked for are the invoices' ids.
  const again = [...new Set(ids)].filter((id) => before.has(id)).length;
  return { kind: "added", added: invoices.length - again, already: again };
}
