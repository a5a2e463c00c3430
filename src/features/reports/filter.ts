import { z } from "zod";
import { isCalendarDate } from "../../lib/dates.ts";
import type { ReportChoices, ReportFilter } from "./service.ts";
import type { MessageKey } from "../../web/i18n/index.ts";
import type { ReportFilterView } from "./pages/reports.tsx";

// Messages are i18n keys (translated by the caller). Empty means "no filter".
const optionalDate = z.string().refine((v) => v === "" || isCalendarDate(v), "reports.filter.bad.date");
const schema = z
  .object({
    company: z.string().max(100, "reports.filter.bad.company").default(""),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{3})?$/, "reports.filter.bad.currency")
      .default(""),
    owner: z
      .string()
      .regex(/^(\d{1,20})?$/, "reports.filter.bad.owner")
      .default(""),
    from: optionalDate.default(""),
    to: optionalDate.default(""),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, "reports.filter.bad.range");

/**
 * The Reports filter from the query string. The currency defaults to the portal's company
 * currency when it has invoices in it, else to the first currency it has: sums never mix currencies.
 * Bad input is refused as a whole (the caller shows every invoice in the default currency).
 */
export function parseReportFilter(
  query: Record<string, string>,
  choices: ReportChoices,
  portalCurrency: string,
):
  | { ok: true; view: ReportFilterView; filter: ReportFilter }
  | { ok: false; reason: MessageKey; view: ReportFilterView } {
  const fallback = choices.currencies.includes(portalCurrency)
    ? portalCurrency
    : (choices.currencies[0] ?? portalCurrency);
  const empty: ReportFilterView = { company: "", currency: fallback, owner: "", from: "", to: "" };
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    return { ok: false, reason: parsed.error.issues[0]?.message as MessageKey, view: empty };
  const view = { ...parsed.data, currency: parsed.data.currency || fallback };
  if (view.company && !choices.companies.some((c) => c.connectionId === view.company))
    return { ok: false, reason: "reports.filter.bad.company", view: empty };
  return {
    ok: true,
    view,
    filter: {
      currency: view.currency,
      connectionId: view.company || undefined,
      ownerId: view.owner || undefined,
      from: view.from || undefined,
      to: view.to || undefined,
    },
  };
}
