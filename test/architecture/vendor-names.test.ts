import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isExempt, vendorNamesIn, vendorNamesInFeatures } from "./vendor-names.ts";

const src = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "src");

describe("one vendor model: features name no vendor field", () => {
  it("src/features/ (outside the field-mapping tables) reads no vendor field", () => {
    const found = vendorNamesInFeatures(src);
    expect(
      found,
      `\nRead these through connectors/<vendor>/wire/ (a mapper, a property list, a query field):\n${found.join("\n")}`,
    ).toEqual([]);
  });

  it("finds planted reads, writes and query fields, with their lines", () => {
    const code = [
      "const a = invoice.TxnDate;",
      'const b = raw["CustomerRef"];',
      'where.push(["MetaData.LastUpdatedTime", ">=", since]);',
      "const body = { DocNumber: n, hs_title: t };",
      "const { Balance } = invoice;",
      "const c = deal.properties.hubspot_owner_id;",
      "const d = `LinkedTxn`;",
    ].join("\n");
    expect(vendorNamesIn("features/x/planted.ts", code)).toEqual([
      { line: 1, name: "TxnDate" },
      { line: 2, name: "CustomerRef" },
      { line: 3, name: "MetaData" },
      { line: 4, name: "DocNumber" },
      { line: 4, name: "hs_title" },
      { line: 5, name: "Balance" },
      { line: 6, name: "hubspot_owner_id" },
      { line: 7, name: "LinkedTxn" },
    ]);
  });

  it("leaves comments, prose and our own camelCase names alone", () => {
    const code = [
      "// QBO's TxnDate is a calendar date",
      "/** its DisplayName must be unique */",
      'const msg = "the Balance changed";',
      "const e = invoice.txnDate ?? invoice.docNumber;",
      'const key = "invoices.col.balance";',
    ].join("\n");
    expect(vendorNamesIn("features/x/fine.ts", code)).toEqual([]);
  });

  it("exempts the field-mapping tables, tests and translations", () => {
    expect(isExempt("features/settings/mapping/defaults.ts")).toBe(true);
    expect(isExempt("features/invoices/payment-rule.int.test.ts")).toBe(true);
    expect(isExempt("features/invoices/i18n/card.en.ts")).toBe(true);
    expect(isExempt("features/reports/i18n.en.ts")).toBe(true);
    expect(isExempt("features/invoices/payment-facts.ts")).toBe(false);
  });
});
