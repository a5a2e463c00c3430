import { activeCustomers, activeItems } from "../../../../connectors/qbo/lists.ts";
import { matchCustomer } from "../../../record-sync/index.ts";
import type { DraftData, DraftLine } from "../draft.ts";
import { dealContext, partyOf, quoteDetails } from "../hubspot.ts";
import { draftLinesFrom, quoteState } from "../rules.ts";
import { SourceStep } from "../pages/source.tsx";
import { numbersRefusal } from "./company.tsx";
import { frame, neighbour, stepsFor, type WizardCtx } from "./context.ts";
import { field, move, need, refuse, type Outcome } from "./outcome.tsx";

/** I2 (and I9 before it: this is the first step once the company is known). */
export async function renderSource(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const refused = await numbersRefusal(ctx);
  if (refused) return refused;
  const deal = await need("HubSpot", dealContext(ctx.hs, ctx.draft.dealId));
  const quotes = deal.quotes.map((q) => ({
    id: q.id,
    title: q.properties.hs_title ?? q.id,
    amount: `${q.properties.hs_quote_amount ?? "0"} ${q.properties.hs_currency ?? ""}`.trim(),
    state: quoteState(q.properties, ctx.today),
  }));
  return ctx.c.html(
    <SourceStep
      {...frame(ctx, "source", error)}
      dealName={deal.dealName}
      quotes={quotes}
      source={ctx.data.source}
      previous={stepsFor(ctx)[0] !== "source"}
    />,
    status,
  );
}

/**
 * The source decides the lines (the quote's, mapped to QBO items: I4) and who the customer is
 * (the quote's contact or company, else the deal's: I3), matched to a QBO customer here once.
 * Choosing the same source again keeps everything the later steps changed.
 */
export async function submitSource(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  if (field(form, "action") === "previous") return move(ctx, ctx.data, neighbour(ctx, "source", -1));
  const value = field(form, "source");
  if (!value) return refuse("wizard.error.source");
  const deal = await need("HubSpot", dealContext(ctx.hs, ctx.draft.dealId));
  let source: NonNullable<DraftData["source"]>;
  if (value === "scratch") source = { kind: "scratch" };
  else {
    const quote = deal.quotes.find((q) => `quote:${q.id}` === value);
    // Checked again here, not trusted from the page: the quote may have expired since (I2).
    if (!quote || !quoteState(quote.properties, ctx.today).usable) return refuse("wizard.error.source");
    source = { kind: "quote", quoteId: quote.id };
  }
  if (JSON.stringify(source) === JSON.stringify(ctx.data.source))
    return move(ctx, { ...ctx.data, dealName: deal.dealName }, "customer");
  const qbo = ctx.qbo!;
  let lines: DraftLine[] = [];
  let ids = { contacts: deal.contacts, companies: deal.companies };
  if (source.kind === "quote") {
    const details = await need("HubSpot", quoteDetails(ctx.hs, source.quoteId));
    lines = draftLinesFrom(details.lines, await need("QuickBooks", activeItems(qbo)));
    if (details.contacts.length || details.companies.length) ids = details;
  }
  const party = await need("HubSpot", partyOf(ctx.hs, ids));
  const customers = await need("QuickBooks", activeCustomers(qbo));
  const match = party ? matchCustomer(party, customers) : undefined;
  const matched = match?.kind === "matched" ? customers.find((x) => x.id === match.customer.id) : undefined;
  const data: DraftData = {
    ...ctx.data,
    dealName: deal.dealName,
    source,
    lines,
    party,
    customer: matched
      ? { kind: "existing", id: matched.id, displayName: matched.displayName, currency: matched.currency }
      : undefined,
  };
  return move(ctx, data, "customer");
}
