import { z } from "zod";
import type { Quote } from "../../../domain/crm.ts";
import { base, compact, crmObject, dayOf, dayProp, numberProp, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A HubSpot quote (https://developers.hubspot.com/docs/api/crm/quotes): the wizard offers the
 * deal's published, unexpired quotes (I2). Ask for `QUOTE_PROPERTIES`.
 */
export const QUOTE_PROPERTIES = [
  "hs_title",
  "hs_status",
  "hs_expiration_date",
  "hs_quote_amount",
  "hs_currency",
] as const;

export const quoteWire = crmObject({
  hs_title: textProp,
  hs_status: textProp,
  hs_expiration_date: dayProp,
  hs_quote_amount: numberProp,
  hs_currency: textProp,
});
export type QuoteWire = z.output<typeof quoteWire>;

export function toQuote(q: QuoteWire): Quote {
  const p = q.properties;
  return compact({
    ...base(q),
    title: p.hs_title,
    // A quote HubSpot reports without a status has never been published.
    status: p.hs_status ?? "DRAFT",
    expiresOn: p.hs_expiration_date,
    amount: p.hs_quote_amount,
    currency: p.hs_currency?.toUpperCase(),
  });
}

const parser = wireParser("quotes", quoteWire, toQuote);
export const parseQuote = parser.one;
export const parseQuotes = parser.list;
export const partitionQuotes = parser.each;

/**
 * The wizard's reading of a deal's quotes (I2): an expiry in a form we cannot read is no expiry,
 * so the quote is still offered (as the wizard always has) instead of failing the whole list. The
 * strict `parseQuote` still reports such a value as malformed.
 */
const tolerantDay = z
  .string()
  .nullish()
  .transform((v) => (v?.trim() ? dayOf(v) : undefined));
export const offeredQuoteWire = quoteWire.extend({
  properties: quoteWire.shape.properties.extend({ hs_expiration_date: tolerantDay }),
});

const offered = wireParser("quotes", offeredQuoteWire, toQuote);
export const parseOfferedQuote = offered.one;
export const parseOfferedQuotes = offered.list;
