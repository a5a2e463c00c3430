import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { batchRead, getObject, type CrmObject } from "../../connectors/hubspot/crm.ts";
import { ok, type Result } from "../../lib/result.ts";
import type { HubSpotLine } from "./wizard-rules.ts";

/** What the wizard reads from HubSpot (I2–I4): the deal's quotes, a quote's lines, the customer party. */
export interface DealContext {
  dealName: string;
  quotes: CrmObject[];
  contacts: string[];
  companies: string[];
}

export interface Party {
  objectType: "contacts" | "companies";
  objectId: string;
  label: string;
  email?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  companyName?: string;
  phone?: string;
}

const QUOTE_PROPS = ["hs_title", "hs_status", "hs_expiration_date", "hs_quote_amount", "hs_currency"];

export async function dealContext(hs: HttpClient, dealId: string): Promise<Result<DealContext, VendorError>> {
  const deal = await getObject(hs, "deals", dealId, ["dealname"], ["quotes", "contacts", "companies"]);
  if (!deal.ok) return deal;
  const quotes = await batchRead(hs, "quotes", deal.value.associations.quotes ?? [], QUOTE_PROPS);
  if (!quotes.ok) return quotes;
  return ok({
    dealName: deal.value.properties.dealname ?? dealId,
    quotes: quotes.value,
    contacts: deal.value.associations.contacts ?? [],
    companies: deal.value.associations.companies ?? [],
  });
}

/** A quote's line items (with their products' QBO link) and the quote's own contacts and companies. */
export async function quoteDetails(
  hs: HttpClient,
  quoteId: string,
): Promise<Result<{ lines: HubSpotLine[]; contacts: string[]; companies: string[] }, VendorError>> {
  const quote = await getObject(hs, "quotes", quoteId, QUOTE_PROPS, ["line_items", "contacts", "companies"]);
  if (!quote.ok) return quote;
  const items = await batchRead(hs, "line_items", quote.value.associations.line_items ?? [], [
    "name",
    "quantity",
    "price",
    "hs_sku",
    "hs_product_id",
    "description",
  ]);
  if (!items.ok) return items;
  const productIds = [
    ...new Set(items.value.map((i) => i.properties.hs_product_id).filter((p): p is string => !!p)),
  ];
  const products = await batchRead(hs, "products", productIds, ["qbo_item_id"]);
  if (!products.ok) return products;
  const link = new Map(products.value.map((p) => [p.id, p.properties.qbo_item_id ?? undefined]));
  const lines = items.value.map((i) => ({
    id: i.id,
    name: i.properties.name ?? undefined,
    sku: i.properties.hs_sku ?? undefined,
    productId: i.properties.hs_product_id ?? undefined,
    linkedItemId: link.get(i.properties.hs_product_id ?? "") || undefined,
    quantity: Number(i.properties.quantity ?? 1) || 1,
    price: Number(i.properties.price ?? 0) || 0,
    description: i.properties.description ?? undefined,
  }));
  return ok({
    lines,
    contacts: quote.value.associations.contacts ?? [],
    companies: quote.value.associations.companies ?? [],
  });
}

/** I3: the first contact stands for the customer, else the first company. */
export async function partyOf(
  hs: HttpClient,
  ids: { contacts: string[]; companies: string[] },
): Promise<Result<Party | undefined, VendorError>> {
  const contactId = ids.contacts[0];
  if (contactId) {
    const c = await getObject(hs, "contacts", contactId, [
      "email",
      "firstname",
      "lastname",
      "company",
      "phone",
    ]);
    if (!c.ok) return c;
    const p = c.value.properties;
    const name = [p.firstname, p.lastname].filter(Boolean).join(" ");
    return ok({
      objectType: "contacts",
      objectId: contactId,
      label: name || p.email || contactId,
      email: p.email ?? undefined,
      name: name || undefined,
      givenName: p.firstname ?? undefined,
      familyName: p.lastname ?? undefined,
      companyName: p.company ?? undefined,
      phone: p.phone ?? undefined,
    });
  }
  const companyId = ids.companies[0];
  if (!companyId) return ok(undefined);
  const co = await getObject(hs, "companies", companyId, ["name", "phone"]);
  if (!co.ok) return co;
  const name = co.value.properties.name ?? companyId;
  return ok({
    objectType: "companies",
    objectId: companyId,
    label: name,
    companyName: name,
    name,
    phone: co.value.properties.phone ?? undefined,
  });
}
