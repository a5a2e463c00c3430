import type { DraftData } from "../draft.ts";
import { CompanyStep } from "../pages/company.tsx";
import { frame, neighbour, type WizardCtx } from "./context.ts";
import { refreshCompanySettings } from "../service.ts";
import { field, move, RECONNECT_ACTION, refuse, refusalPage, type Outcome } from "./outcome.tsx";

/**
 * Why this portal's companies cannot take an invoice at all (none connected, or every one needs
 * reconnecting), as the page to show; undefined when at least one is usable.
 */
export function noCompany(ctx: WizardCtx) {
  const { c, companies } = ctx;
  if (companies.length === 0) return refusalPage(c, 409, "wizard.company.noneTitle", ["wizard.company.none"]);
  if (companies.some((x) => x.status === "active")) return undefined;
  const names = companies.map((x) => x.companyName).join(", ");
  return refusalPage(
    c,
    409,
    "wizard.reconnect.title",
    [["wizard.reconnect.body", { name: names }], "wizard.reconnect.howto"],
    RECONNECT_ACTION,
  );
}

/**
 * I9, asked of QuickBooks itself before the first step (the daily refresh may be hours old): with
 * custom transaction numbers on, the page that explains how to turn them off; else undefined.
 */
export async function numbersRefusal(ctx: WizardCtx) {
  const conn = ctx.conn!;
  const settings = await refreshCompanySettings(ctx);
  if (!settings.customTxnNumbers) return undefined;
  return refusalPage(ctx.c, 409, "wizard.numbers.title", [
    ["wizard.numbers.body", { name: conn.companyName }],
    "wizard.numbers.howto",
  ]);
}

/** I1: the seed's "QuickBooks account" dropdown; a company to reconnect is listed, not choosable. */
export function renderCompany(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const blocked = noCompany(ctx);
  if (blocked) return blocked;
  const { c, data } = ctx;
  const chosen = ctx.companies.find((x) => x.connectionId === data.connectionId);
  // The draft's company needs reconnecting since it was chosen: say so rather than silently switch.
  const stale =
    !error && chosen && chosen.status !== "active"
      ? c.get("t")("wizard.error.reconnect", { name: chosen.companyName })
      : undefined;
  const companies = ctx.companies.map((x) => ({
    connectionId: x.connectionId,
    companyName: x.companyName,
    usable: x.status === "active",
    why:
      x.status !== "active" ? ("reconnect" as const) : x.customTxnNumbers ? ("numbers" as const) : undefined,
  }));
  return c.html(
    <CompanyStep
      {...frame(ctx, "company", error ?? stale)}
      companies={companies}
      chosen={ctx.conn?.connectionId}
    />,
    status,
  );
}

export async function submitCompany(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const id = field(form, "connectionId");
  const company = ctx.companies.find((x) => x.connectionId === id && x.status === "active");
  if (!company) return refuse("wizard.error.company");
  // Another company means other customers, items and tax codes: the later choices start again.
  const data: DraftData =
    company.connectionId === ctx.data.connectionId
      ? ctx.data
      : { lines: [], dueDateEdited: false, connectionId: company.connectionId, dealName: ctx.data.dealName };
  const next = { ...ctx, conn: company, data };
  return move(ctx, data, neighbour(next, "company", 1));
}
