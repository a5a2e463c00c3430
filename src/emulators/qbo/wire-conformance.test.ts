import { beforeAll, describe, expect, it } from "vitest";
import {
  entityOf,
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
import { createEmulatorClock } from "../kit/index.ts";
import { createQboEmulator } from "./app.ts";

/**
 * What the emulator answers parses with the same wire schemas Ledgerlink reads QBO with: if the
 * emulator drifts from them (or they from it), this fails before a sync does.
 */
type Json = Record<string, unknown>;
const emulator = createQboEmulator({
  clock: createEmulatorClock({ start: "2026-05-02T17:00:00Z", frozen: true }),
  rateLimits: false,
});

async function call(method: string, path: string, body?: unknown, token?: string): Promise<Json> {
  const res = await emulator.fetch(
    new Request(`http://qbo.test${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return (await res.json()) as Json;
}

async function company(country: string) {
  const { realmId } = await call("POST", "/__emulator/companies", {
    name: `Wire ${country}`,
    country,
    seed: "demo",
  });
  const { access_token } = await call("POST", "/__emulator/tokens", { realmId });
  const base = `/v3/company/${String(realmId)}`;
  const api = (method: string, path: string, body?: unknown) =>
    call(
      method,
      `${base}${path}${path.includes("?") ? "&" : "?"}minorversion=75`,
      body,
      String(access_token),
    );
  const query = (sql: string) => api("GET", `/query?query=${encodeURIComponent(sql)}`);
  return { realmId: String(realmId), api, query };
}

function value<T>(r: Result<T, WireError>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

type ListParser = (rows: readonly unknown[]) => Result<unknown[], WireError>;
const ENTITIES: Record<string, ListParser> = {
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
