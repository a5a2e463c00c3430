import { beforeAll, describe, expect, it } from "vitest";
import {
  entityOf,
  parseAccounts,
  parseCompanyProfile,
  parseCustomers,
  parseEstimates,
  parseInvoice,
  parseInvoices,
  parseItems,
  parsePayments,
  parsePreferences,
  parseTaxCodes,
  parseTerms,
  queryRows,
  type WireError,
} from "../../connectors/qbo/wire/index.ts";
import type { Result } from "../../lib/result.ts";
import { value, wireEmulator } from "./wire-test-support.ts";

/**
 * What the emulator answers parses with the same wire schemas Ledgerlink reads QBO with: if the
 * emulator drifts from them (or they from it), this fails before a sync does.
 */
const { company } = wireEmulator();

type ListParser = (rows: readonly unknown[]) => Result<unknown[], WireError>;
const ENTITIES: Record<string, ListParser> = {
  Account: parseAccounts,
  Customer: parseCustomers,
  Item: parseItems,
  Invoice: parseInvoices,
  Payment: parsePayments,
  Estimate: parseEstimates,
  Term: parseTerms,
  TaxCode: parseTaxCodes,
};

describe.each(["US", "GB"])("QBO emulator answers parse with connectors/qbo/wire (%s)", (country) => {
  let qbo: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    qbo = await company(country);
  });

  it.each(Object.keys(ENTITIES))("query results: %s", async (entity) => {
    const rows = value(queryRows(await qbo.query(`select * from ${entity} MAXRESULTS 1000`), entity));
    const parsed = value(ENTITIES[entity]!(rows));
    expect(parsed).toHaveLength(rows.length);
    if (entity !== "TaxCode" || country !== "US") expect(parsed.length).toBeGreaterThan(0);
  });

  it("single reads, CompanyInfo and Preferences", async () => {
    const invoice = value(parseInvoice(value(entityOf(await qbo.api("GET", "/invoice/101"), "Invoice"))));
    expect(invoice.lines.length).toBeGreaterThan(0);
    expect(
      invoice.lines.every((l) => l.itemId && l.amount === Math.round(l.quantity * l.unitPrice * 100) / 100),
    ).toBe(true);
    const info = await qbo.api("GET", `/companyinfo/${qbo.realmId}`);
    expect(value(parseCompanyProfile(value(entityOf(info, "CompanyInfo")))).country).toBe(country);
    const prefs = value(
      parsePreferences(value(entityOf(await qbo.api("GET", "/preferences"), "Preferences"))),
    );
    expect(prefs.customTxnNumbers).toBe(false);
  });
});
