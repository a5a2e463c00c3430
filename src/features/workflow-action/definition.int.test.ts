import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_ERRORS } from "./inputs.ts";
import { createInvoiceActionDefinition } from "./definition.ts";

const hsmeta = JSON.parse(
  readFileSync(
    new URL("../../../hubspot-app/src/app/workflow-actions/create-invoice-hsmeta.json", import.meta.url),
    "utf8",
  ),
) as { config: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What both forms say about a field, without the API's defaults (empty options lists). */
const shape = (f: { typeDefinition: Record<string, unknown> } & Record<string, unknown>) => {
  const { options, ...type } = f.typeDefinition;
  return { ...f, typeDefinition: { ...type, ...((options as unknown[])?.length ? { options } : {}) } };
};

describe("the Create QuickBooks invoice definition (W2)", () => {
  const origin = new URL(hsmeta.config.actionUrl as string).origin;
  const definition = createInvoiceActionDefinition(origin);

  it("says what hubspot-app's workflow action says: URLs, fields, rules and labels", () => {
    expect(definition.actionUrl).toBe(hsmeta.config.actionUrl);
    expect(definition.objectTypes).toEqual(hsmeta.config.objectTypes);
    expect(definition.inputFields.map(shape)).toEqual(hsmeta.config.inputFields.map(shape));
    expect(definition.outputFields.map(shape)).toEqual(hsmeta.config.outputFields.map(shape));
    expect(definition.executionRules).toEqual(hsmeta.config.executionRules);
    expect(definition.labels).toEqual(hsmeta.config.labels);
  });

  it("explains every failure in English and Japanese, with the detail in its place", () => {
    for (const locale of ["en", "ja"] as const) {
      const rules = definition.labels[locale]!.executionRules;
      expect(Object.keys(rules)).toEqual([...ACTION_ERRORS]);
      for (const code of ["unmapped_line", "sync_filter", "unknown_company", "no_tax_code"] as const)
        expect(rules[code], `${locale} ${code}`).toContain("{{ errorDetail }}");
    }
    expect(definition.labels.ja!.actionName).toBe("QuickBooks 請求書を作成");
  });
});
