import { z } from "zod";
import { isCalendarDate } from "../../../lib/dates.ts";
import { SEARCH_LIMIT } from "./search.ts";
import type { MessageKey } from "../../../web/i18n/index.ts";

/*
 * The "Add existing invoice" forms (E1). Every message is an i18n key: the route shows
 * t(message), so a refusal reads in the user's language. Empty fields mean "any".
 */
const text = (max: number, key: MessageKey) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => v || undefined);
export const searchSchema = z
  .object({
    number: text(21, "addInvoice.error.number"),
    customer: text(100, "addInvoice.error.customer"),
    amount: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || /^\d{1,12}(\.\d{1,2})?$/.test(v), "addInvoice.error.amount")
      .transform((v) => (v === undefined ? undefined : Number(v))),
    from: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => !v || isCalendarDate(v), "addInvoice.error.date"),
    to: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => !v || isCalendarDate(v), "addInvoice.error.date"),
    status: z
      .enum(
        ["", "awaiting_send", "sent", "partially_paid", "paid", "overdue", "voided"],
        "addInvoice.error.status",
      )
      .optional()
      .transform((v) => v || undefined),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, "addInvoice.error.date");
export const invoiceIds = z
  .array(z.string().regex(/^\d{1,20}$/))
  .min(1)
  .max(SEARCH_LIMIT);
