import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { queryPage } from "../../../connectors/qbo/client.ts";
import {
  ACTIVE_FIELD,
  INVOICE_QUERY_FIELD,
  NAME_FIELD,
  partitionCustomers,
  partitionInvoices,
} from "../../../connectors/qbo/wire/index.ts";
import type { QuerySpec } from "../../../connectors/qbo/query.ts";
import type { InvoiceStateColumn } from "../../../db/schema/index.ts";
import { ok, type Result } from "../../../lib/result.ts";
import { stateOf, toInvoiceRecord } from "../facts.ts";

/** What "Add existing invoice" searches by (E1); every field optional, validated by the route. */
export interface InvoiceSearch {
  number?: string;
  customer?: string;
  amount?: number;
  from?: string;
  to?: string;
  status?: InvoiceStateColumn;
}

export interface FoundInvoice {
  id: string;
  docNumber: string | null;
  customerName: string;
  txnDate: string | null;
  dueDate: string | null;
  totalAmt: number;
  currency: string;
  state: InvoiceStateColumn;
}

/** Enough for a person to scan; narrowing the search is the answer to "more". */
export const SEARCH_LIMIT = 100;
const CUSTOMER_LIMIT = 50;

/**
 * Searches a company's invoices in QBO. The query language cannot match a customer's name on an
 * invoice, so a customer text first finds customers whose name starts with it (DisplayName LIKE
 * 'text%', active or not), then their invoices by CustomerRef IN (…): QBO's query language names
 * its fields. Answers are read through the QBO wire mappers. The status is ours (S1,
 * derived in the company's time zone), so it filters after the query.
 */
export async function searchQboInvoices(
  http: HttpClient,
  company: { homeCurrency: string; timeZone: string },
  search: InvoiceSearch,
  now: Date,
): Promise<Result<FoundInvoice[], VendorError>> {
  const where: NonNullable<QuerySpec["where"]> = [];
  if (search.number) where.push([INVOICE_QUERY_FIELD.number, "=", search.number]);
  if (search.amount !== undefined) where.push([INVOICE_QUERY_FIELD.total, "=", search.amount]);
  if (search.from) where.push([INVOICE_QUERY_FIELD.date, ">=", search.from]);
  if (search.to) where.push([INVOICE_QUERY_FIELD.date, "<=", search.to]);
  if (search.customer) {
    const customers = await queryPage(http, {
      entity: "Customer",
      where: [
        [NAME_FIELD.Customer, "LIKE", `${search.customer}%`],
        [ACTIVE_FIELD, "IN", [true, false]],
      ],
      maxResults: CUSTOMER_LIMIT,
    });
    if (!customers.ok) return customers;
    const ids = partitionCustomers(customers.value.rows).values.map((c) => c.id);
    if (ids.length === 0) return ok([]);
    where.push([INVOICE_QUERY_FIELD.customer, "IN", ids]);
  }
  const page = await queryPage(http, {
    entity: "Invoice",
    where,
    orderBy: { field: INVOICE_QUERY_FIELD.date, dir: "DESC" },
    maxResults: SEARCH_LIMIT,
  });
  if (!page.ok) return page;
  // A malformed invoice cannot be followed (its facts are unreadable), so it is not offered.
  const found = partitionInvoices(page.value.rows).values.map((inv) => {
    const record = toInvoiceRecord(inv, company.homeCurrency);
    return {
      id: inv.id,
      docNumber: record.docNumber,
      customerName: record.customerName,
      txnDate: record.txnDate,
      dueDate: record.dueDate,
      totalAmt: record.totalAmt,
      currency: record.currency,
      state: stateOf(record, now, company.timeZone),
    };
  });
  return ok(search.status ? found.filter((f) => f.state === search.status) : found);
}
