/**
 * What HubSpot shows as a record's name: a deal's name, a company's name (or domain), a contact's
 * full name (or email), a product's or line item's name, a quote's or invoice's title or number.
 * Undefined when the record has none of them (callers show the type and id instead).
 */
export function recordTitle(typeName: string, p: Record<string, string | null>): string | undefined {
  const byType: Record<string, Array<string | null | undefined>> = {
    deals: [p.dealname],
    companies: [p.name, p.domain],
    contacts: [[p.firstname, p.lastname].filter(Boolean).join(" "), p.email],
    products: [p.name, p.hs_sku],
    line_items: [p.name],
    quotes: [p.hs_title, p.hs_quote_number],
    invoices: [p.hs_number, p.hs_title],
  };
  return byType[typeName]?.find((v) => v) ?? undefined;
}
