import { invoiceBody as qboInvoiceBody } from "../../connectors/qbo/wire/index.ts";
import type { CompleteDraft } from "./wizard/draft.ts";

/**
 * The Invoice create body from a complete draft (I4–I8), built by the QBO wire builder: unsent,
 * "awaiting send" (I8); no DocNumber, QBO numbers it, which is why custom transaction numbers
 * must be off (I9). A US company computes its own sales tax, so lines carry no code there (I5).
 */
export function invoiceBody(draft: CompleteDraft, customerId: string): Record<string, unknown> {
  return qboInvoiceBody({
    customerId,
    txnDate: draft.invoiceDate,
    dueDate: draft.dueDate,
    termId: draft.termId,
    customerMemo: draft.message,
    // A complete draft's lines are all mapped to an item (completeDraft checks; so does the workflow action).
    lines: draft.lines.map((line) => ({
      itemId: line.itemId!,
      itemName: line.itemName,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxCodeId: line.taxCodeId,
    })),
  });
}
