/**
 * Message templates of automations: `{{field}}` placeholders filled with the invoice's fields.
 * The set is closed, so a typo is refused when the rule is saved rather than sent to a customer.
 */
export const TEMPLATE_FIELDS = [
  "number",
  "customer",
  "amount",
  "balance",
  "currency",
  "invoiceDate",
  "dueDate",
  "status",
  "company",
  "event",
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Record<TemplateField, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders in `text` that are not invoice fields (empty when the template is good). */
export function unknownFields(text: string): string[] {
  const known = new Set<string>(TEMPLATE_FIELDS);
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.has(name));
}

export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? values[name as TemplateField] : whole,
  );
}
