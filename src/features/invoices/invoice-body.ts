import type { CompleteDraft, DraftLine } from "./wizard/draft.ts";

const cents = (n: number) => Math.round(n * 100) / 100;

/** One sales line as QBO wants it: `Amount` must equal `Qty × UnitPrice` to the cent (6070). */
function salesLine(line: DraftLine, lineNum: number): Record<string, unknown> {
  return {
    LineNum: lineNum,
    DetailType: "SalesItemLineDetail",
    Amount: cents(line.quantity * line.unitPrice),
    ...(line.description ? { Description: line.description } : {}),
    SalesItemLineDetail: {
      ItemRef: { value: line.itemId, ...(line.itemName ? { name: line.itemName } : {}) },
      Qty: line.quantity,
      UnitPrice: line.unitPrice,
      ...(line.taxCodeId ? { TaxCodeRef: { value: line.taxCodeId } } : {}),
    },
  };
}

/**
 * The Invoice create body from a complete draft (I4–I8). `EmailStatus: NotSet` leaves it unsent,
 * "awaiting send" (I8). No DocNumber: QBO numbers it, which is why custom transaction numbers
 * must be off (I9). A US company computes its own sales tax, so lines carry no code there (I5).
 */
export function invoiceBody(draft: CompleteDraft, customerId: string): Record<string, unknown> {
  return {
    CustomerRef: { value: customerId },
    TxnDate: draft.invoiceDate,
    ...(draft.dueDate ? { DueDate: draft.dueDate } : {}),
    ...(draft.termId ? { SalesTermRef: { value: draft.termId } } : {}),
    ...(draft.message ? { CustomerMemo: { value: draft.message } } : {}),
    EmailStatus: "NotSet",
    Line: draft.lines.map((line, i) => salesLine(line, i + 1)),
  };
}
