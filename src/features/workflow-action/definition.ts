import { DEAL_NAME_PROPERTY } from "../../connectors/hubspot/wire/index.ts";
import { INVOICE_STATUS_OPTIONS } from "../connections/index.ts";
import { ACTION_ERRORS } from "./inputs.ts";
import { LOCALES, translator, type Locale } from "../../web/i18n/index.ts";
import { PATHS } from "../../http/paths.ts";

/**
 * W2 "Create QuickBooks invoice" as HubSpot's automation actions API takes it
 * (`POST /automation/v4/actions/{appId}`, docs/vendors/hubspot.md §11). The demo and the test stack register
 * it with the HubSpot emulator; `hubspot-app/src/app/workflow-actions/create-invoice-hsmeta.json`
 * says the same for a real account (definition.int.test.ts keeps the two equal).
 */
export const INPUT_NAMES = ["qbo_company", "terms", "due_in_days", "send", "message"] as const;
export const OUTPUT_NAMES = ["qbo_invoice_number", "qbo_invoice_id", "qbo_invoice_status"] as const;
const SEND_OPTIONS = ["leave_unsent", "send"] as const;

const text = (name: string, fieldType: "text" | "textarea") => ({
  name,
  type: "string",
  fieldType,
  options: [],
});
const STATIC = ["STATIC_VALUE"];
const ANY = ["STATIC_VALUE", "OBJECT_PROPERTY"];

export function createInvoiceActionDefinition(publicUrl: string) {
  const en = translator("en");
  return {
    actionUrl: `${publicUrl}${PATHS.workflowCreateInvoice}`,
    published: true,
    objectTypes: ["DEAL"],
    objectRequestOptions: { properties: [DEAL_NAME_PROPERTY] },
    inputFields: [
      {
        typeDefinition: {
          name: "qbo_company",
          type: "enumeration",
          fieldType: "select",
          options: [],
          optionsUrl: `${publicUrl}${PATHS.workflowCreateInvoiceCompanies}`,
        },
        supportedValueTypes: STATIC,
        isRequired: true,
      },
      { typeDefinition: text("terms", "text"), supportedValueTypes: ANY, isRequired: false },
      {
        typeDefinition: { name: "due_in_days", type: "number", fieldType: "number", options: [] },
        supportedValueTypes: ANY,
        isRequired: false,
      },
      {
        typeDefinition: {
          name: "send",
          type: "enumeration",
          fieldType: "select",
          options: SEND_OPTIONS.map((value) => ({ value, label: en(`workflow.send.${value}`) })),
        },
        supportedValueTypes: STATIC,
        isRequired: true,
      },
      { typeDefinition: text("message", "textarea"), supportedValueTypes: ANY, isRequired: false },
    ],
    outputFields: [
      { typeDefinition: text("qbo_invoice_number", "text") },
      { typeDefinition: text("qbo_invoice_id", "text") },
      {
        typeDefinition: {
          name: "qbo_invoice_status",
          type: "enumeration",
          fieldType: "select",
          options: INVOICE_STATUS_OPTIONS.map((o) => ({ value: o.value, label: o.label.en })),
        },
      },
    ],
    // A failed execution's errorCode picks a sentence in the user's language (labels below).
    executionRules: ACTION_ERRORS.map((code) => ({
      labelName: code,
      conditions: { errorCode: code },
      effect: { type: "CUSTOM_MESSAGE" },
    })),
    labels: Object.fromEntries(LOCALES.map((locale) => [locale, actionLabels(locale)])),
    functions: [],
  };
}

/** One language's labels; `{{ errorDetail }}` is the failed execution's output field. */
export function actionLabels(locale: Locale) {
  const t = translator(locale);
  return {
    actionName: t("workflow.actionName"),
    actionDescription: t("workflow.actionDescription"),
    actionCardContent: t("workflow.actionCardContent"),
    appDisplayName: "Ledgerlink",
    inputFieldLabels: Object.fromEntries(INPUT_NAMES.map((n) => [n, t(`workflow.input.${n}`)])),
    inputFieldDescriptions: Object.fromEntries(
      INPUT_NAMES.map((n) => [n, t(`workflow.inputDescription.${n}`)]),
    ),
    outputFieldLabels: Object.fromEntries(OUTPUT_NAMES.map((n) => [n, t(`workflow.output.${n}`)])),
    executionRules: Object.fromEntries(
      ACTION_ERRORS.map((code) => [code, t(`workflow.error.${code}`, { detail: "{{ errorDetail }}" })]),
    ),
  };
}
