import { z } from "zod";

/**
 * What the create-invoice wizard has collected so far (I1–I7), stored as `invoice_drafts.data`.
 * Every field is optional until its step is done, so a half-filled draft is still valid and a
 * reload resumes exactly where the user was. `push-invoice` reads a complete one (`completeDraft`).
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const money = z.number().finite();

export const draftLine = z.object({
  /** Stable within the draft (form field names use it). */
  key: z.string().min(1),
  /** The quote's line item this came from, when it did (I4). */
  hubspotLineItemId: z.string().optional(),
  /** What HubSpot called it (name, SKU, product id), for matching and for showing unmapped lines. */
  hubspotName: z.string().optional(),
  hubspotSku: z.string().optional(),
  hubspotProductId: z.string().optional(),
  /** The QBO item; unset = unmapped, which blocks Next (I4). */
  itemId: z.string().optional(),
  itemName: z.string().optional(),
  description: z.string().max(4000).optional(),
  quantity: z.number().positive(),
  unitPrice: money.nonnegative(),
  /** Non-US companies: required on every line (I5). */
  taxCodeId: z.string().optional(),
  taxCodeName: z.string().optional(),
});
export type DraftLine = z.infer<typeof draftLine>;

export const newCustomer = z.object({
  displayName: z.string().min(1).max(500),
  givenName: z.string().max(100).optional(),
  familyName: z.string().max(100).optional(),
  companyName: z.string().max(100).optional(),
  email: z.string().max(100).optional(),
  phone: z.string().max(30).optional(),
  currency: z.string().length(3).optional(),
});

export const draftData = z.object({
  /** Shown at the top of each step; read from HubSpot when the wizard opens. */
  dealName: z.string().optional(),
  connectionId: z.string().optional(),
  source: z
    .discriminatedUnion("kind", [
      // The title names the quote on the review (drafts saved before it was kept show the id).
      z.object({ kind: z.literal("quote"), quoteId: z.string().min(1), title: z.string().optional() }),
      z.object({ kind: z.literal("scratch") }),
    ])
    .optional(),
  /** The HubSpot contact or company the customer was matched from (linked to the invoice too). */
  party: z
    .object({
      objectType: z.enum(["contacts", "companies"]),
      objectId: z.string().min(1),
      label: z.string(),
      // What matching (I3) and a new customer's prefill need, as HubSpot had it.
      email: z.string().optional(),
      name: z.string().optional(),
      givenName: z.string().optional(),
      familyName: z.string().optional(),
      companyName: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  customer: z
    .discriminatedUnion("kind", [
      z.object({
        kind: z.literal("existing"),
        id: z.string().min(1),
        displayName: z.string(),
        currency: z.string().optional(),
      }),
      z.object({ kind: z.literal("new"), ...newCustomer.shape }),
    ])
    .optional(),
  lines: z.array(draftLine).default([]),
  termId: z.string().optional(),
  termName: z.string().optional(),
  invoiceDate: date.optional(),
  dueDate: date.optional(),
  /** Once the user edits the due date it no longer follows the term (I6). */
  dueDateEdited: z.boolean().default(false),
  message: z.string().max(1000).optional(),
});
export type DraftData = z.infer<typeof draftData>;

export type CompleteDraft = DraftData & {
  connectionId: string;
  customer: NonNullable<DraftData["customer"]>;
  invoiceDate: string;
};

/** Why a draft cannot be created yet (each is a wizard step to go back to), or the complete draft. */
export function completeDraft(
  d: DraftData,
  needsTaxCodes: boolean,
): { ok: true; draft: CompleteDraft } | { ok: false; missing: string[] } {
  const missing: string[] = [];
  if (!d.connectionId) missing.push("company");
  if (!d.customer) missing.push("customer");
  if (d.lines.length === 0) missing.push("lines");
  if (d.lines.some((l) => !l.itemId)) missing.push("unmapped");
  if (needsTaxCodes && d.lines.some((l) => !l.taxCodeId)) missing.push("tax");
  if (!d.invoiceDate) missing.push("details");
  if (missing.length) return { ok: false, missing };
  return { ok: true, draft: d as CompleteDraft };
}
