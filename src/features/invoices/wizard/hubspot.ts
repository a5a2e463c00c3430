import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { associatedIds, batchRead, getObject } from "../../../connectors/hubspot/crm.ts";
import {
  COMPANY_PROPERTIES,
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  inQuoteOrder,
  LINE_ITEM_PROPERTIES,
  parseCompany,
  parseContact,
  parseDeal,
  parseLineItems,
  parseOfferedQuotes,
  parseProducts,
  PRODUCT_PROPERTIES,
  QUOTE_PROPERTIES,
} from "../../../connectors/hubspot/wire/index.ts";
import type { Quote } from "../../../domain/crm.ts";
import { ok, type Result } from "../../../lib/result.ts";
import { partyFromCompany, partyFromContact, type Party } from "./customer.ts";
import type { HubSpotLine } from "./rules.ts";

export type { Party };

/** What the wizard reads from HubSpot (I2–I4): the deal's quotes, a quote's lines, the customer party. */
export interface DealContext {
  dealName: string;
  quotes: Quote[];
  contacts: string[];
  companies: string[];
}

/** The associated ids of several types at once, or the first failure. */
async function associations<T extends string>(
  hs: HttpClient,
  fromType: string,
  fromId: string,
  types: readonly T[],
): Promise<Result<Record<T, string[]>, VendorError>> {
  const lists = await Promise.all(types.map((type) => associatedIds(hs, fromType, fromId, type)));
  const out = {} as Record<T, string[]>;
  for (const [i, list] of lists.entries()) {
    if (!list.ok) return list;
    out[types[i]!] = list.value;
  }
  return ok(out);
}

export async function dealContext(hs: HttpClient, dealId: string): Promise<Result<DealContext, VendorError>> {
  const read = await getObject(hs, "deals", dealId, [...DEAL_PROPERTIES]);
  const deal = read.ok ? parseDeal(read.value) : read;
  if (!deal.ok) return deal;
  const linked = await associations(hs, "deals", dealId, ["quotes", "contacts", "companies"] as const);
  if (!linked.ok) return linked;
  const readQuotes = await batchRead(hs, "quotes", linked.value.quotes, [...QUOTE_PROPERTIES]);
  const quotes = readQuotes.ok ? parseOfferedQuotes(readQuotes.value) : readQuotes;
  if (!quotes.ok) return quotes;
  return ok({
    dealName: deal.value.name ?? dealId,
    quotes: quotes.value,
    contacts: linked.value.contacts,
    companies: linked.value.companies,
  });
}

/**
 * Just the deal's name, for the top of every step before the source step has read the whole deal
 * (issue 20: step 1 showed the deal's id).
 */
export async function dealName(hs: HttpClient, dealId: string): Promise<Result<string, VendorError>> {
  const read = await getObject(hs, "deals", dealId, [...DEAL_PROPERTIES]);
  const deal = read.ok ? parseDeal(read.value) : read;
  return deal.ok ? ok(deal.value.name ?? dealId) : deal;
}

/** A quote's line items (with their products' QBO link) and the quote's own contacts and companies. */
export async function quoteDetails(
  hs: HttpClient,
  quoteId: string,
): Promise<Result<{ lines: HubSpotLine[]; contacts: string[]; companies: string[] }, VendorError>> {
  const linked = await associations(hs, "quotes", quoteId, ["line_items", "contacts", "companies"] as const);
  if (!linked.ok) return linked;
  const lines = await lineItemsWithItems(hs, linked.value.line_items);
  if (!lines.ok) return lines;
  return ok({ lines: lines.value, contacts: linked.value.contacts, companies: linked.value.companies });
}

/** Line items (a quote's or a deal's) with their products' QBO link, in the quote's order (I4, W2). */
export async function lineItemsWithItems(
  hs: HttpClient,
  lineItemIds: string[],
): Promise<Result<HubSpotLine[], VendorError>> {
  const read = await batchRead(hs, "line_items", lineItemIds, [...LINE_ITEM_PROPERTIES]);
  const items = read.ok ? parseLineItems(read.value) : read;
  if (!items.ok) return items;
  const productIds = [...new Set(items.value.map((i) => i.productId).filter((p): p is string => !!p))];
  // The product's QBO item link is the one product sync keeps (P1): the surest way to the item.
  const readProducts = await batchRead(hs, "products", productIds, [...PRODUCT_PROPERTIES]);
  const products = readProducts.ok ? parseProducts(readProducts.value) : readProducts;
  if (!products.ok) return products;
  const link = new Map(products.value.map((p) => [p.id, p.qboItemId]));
  // The quote's own order when HubSpot keeps one, else the association order.
  const lines = inQuoteOrder(items.value).map((i) => ({
    id: i.id,
    name: i.name,
    sku: i.sku,
    productId: i.productId,
    linkedItemId: link.get(i.productId ?? "") || undefined,
    quantity: i.quantity || 1,
    price: i.price || 0,
    description: i.description,
  }));
  return ok(lines);
}

/** I3: the first contact stands for the customer, else the first company. */
export async function partyOf(
  hs: HttpClient,
  ids: { contacts: string[]; companies: string[] },
): Promise<Result<Party | undefined, VendorError>> {
  const contactId = ids.contacts[0];
  if (contactId) {
    const read = await getObject(hs, "contacts", contactId, [...CONTACT_PROPERTIES]);
    const contact = read.ok ? parseContact(read.value) : read;
    return contact.ok ? ok(partyFromContact(contact.value)) : contact;
  }
  const companyId = ids.companies[0];
  if (!companyId) return ok(undefined);
  const read = await getObject(hs, "companies", companyId, [...COMPANY_PROPERTIES]);
  const company = read.ok ? parseCompany(read.value) : read;
  return company.ok ? ok(partyFromCompany(company.value)) : company;
}
