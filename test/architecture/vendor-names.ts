import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { isTestFile } from "./rules.ts";
import { sourceFilesOf } from "./tree.ts";

/**
 * One vendor model (docs/ARCHITECTURE.md): outside connectors/, emulators/ and the field-mapping
 * tables, no code names a vendor's fields. This finds them in feature code, in the two forms a
 * read or a write takes: a property name (`inv.TxnDate`, `{ DocNumber }`, `const { Balance } = x`)
 * and a string that is a field path (`"CustomerRef"`, `"MetaData.LastUpdatedTime"`). Prose and
 * comments are not code and are not read.
 */

/** QBO entity fields the features once read directly (docs/vendors/quickbooks.md). */
export const QBO_FIELDS = new Set([
  "Id",
  "CustomerRef",
  "DisplayName",
  "TotalAmt",
  "Balance",
  "DueDate",
  "EmailStatus",
  "SalesItemLineDetail",
  "PrimaryEmailAddr",
  "SyncToken",
  "DocNumber",
  "TxnDate",
  "ItemRef",
  "CurrencyRef",
  "LinkedTxn",
  "TxnType",
  "MetaData",
  "LastUpdatedTime",
]);

/** HubSpot properties the features once read directly (docs/vendors/hubspot.md). */
const HUBSPOT_FIELDS = new Set(["hubspot_owner_id", "dealname", "firstname", "lastname"]);

const isVendorName = (name: string) =>
  QBO_FIELDS.has(name) || HUBSPOT_FIELDS.has(name) || /^hs_[a-z0-9_]+$/.test(name);

/** A string that is a field path (`Line.0.Amount`), not prose. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export interface VendorName {
  line: number;
  name: string;
}

/** The vendor field names `code` spells outside comments and prose. */
export function vendorNamesIn(file: string, code: string): VendorName[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: VendorName[] = [];
  const add = (node: ts.Node, name: string) =>
    found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, name });
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) && FIELD_PATH.test(node.text)) {
      const name = node.text.split(".").find(isVendorName);
      if (name) add(node, name);
    } else if (
      (ts.isPropertyAccessExpression(node) ||
        ts.isPropertyAssignment(node) ||
        ts.isShorthandPropertyAssignment(node) ||
        ts.isPropertySignature(node)) &&
      (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name)) &&
      isVendorName(node.name.text)
    ) {
      add(node.name, node.name.text);
    } else if (ts.isBindingElement(node)) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key) && isVendorName(key.text)) add(key, key.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Feature files that may name vendor fields: the field-mapping tables (their defaults pair our
 * fields with the vendors'), tests (they plant vendor answers) and translations (user-facing words
 * such as "Balance" are not fields).
 */
export function isExempt(file: string): boolean {
  return file.startsWith("features/settings/mapping/") || isTestFile(file) || /(^|\/)i18n[./]/.test(file);
}

/** Every vendor field name in the feature code under `src`, as `file:line name`. */
export function vendorNamesInFeatures(src: string): string[] {
  return sourceFilesOf(src)
    .filter((file) => file.startsWith("features/") && !isExempt(file))
    .flatMap((file) =>
      vendorNamesIn(file, readFileSync(join(src, file), "utf8")).map(
        (v) => `src/${file}:${v.line} ${v.name}`,
      ),
    );
}
