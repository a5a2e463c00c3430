import { INVOICE_STATUS_OPTIONS } from "../../../connections/index.ts";
import { sameCurrency } from "../../deal-properties.ts";
import type { InvoiceStateColumn } from "../../../../db/schema/index.ts";
import { completeDraft, type DraftData } from "../draft.ts";
import { draftErrorText } from "../../pages/invoice-error.ts";
import { DonePage, ProgressPage, ReviewStep } from "../pages/review.tsx";
import { closeCreatedDraft, createdInvoice, qboTaxCodes, submitForCreation } from "../service.ts";
import { frame, stepUrl, WIZARD, type WizardCtx } from "./context.ts";
import { currencyOf } from "./products.tsx";

/** I7: everything entered, and the reason the last "Create invoice" failed, if it did (the draft kept). */
export async function renderReview(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const { c, data } = ctx;
  const t = c.get("t");
  const us = ctx.conn!.country === "US";
  const taxCodeNames = us ? {} : Object.fromEntries((await qboTaxCodes(ctx)).map((x) => [x.id, x.name]));
  const failure = error ? undefined : draftErrorText(t, ctx.draft.error);
  return c.html(
    <ReviewStep
      {...frame(ctx, "review", error ?? failure?.message, failure?.detail)}
      data={data}
      companyName={ctx.conn!.companyName}
      sourceLabel={sourceLabel(ctx, data.source)}
      currency={currencyOf(ctx)}
      currencyNotice={currencyNotice(ctx, currencyOf(ctx))}
      taxCodeNames={taxCodeNames}
      us={us}
    />,
    status,
  );
}

/** Where the invoice comes from, the quote named by its title (issue 20: "Create from quote" alone). */
function sourceLabel(ctx: WizardCtx, source: DraftData["source"]): string {
  const t = ctx.c.get("t");
  if (source?.kind !== "quote") return t("wizard.source.scratch");
  return t("wizard.review.fromQuote", { title: source.title ?? source.quoteId });
}

/**
 * S4 told before it happens: an invoice in another currency than the HubSpot account's is not
 * copied to the deal's properties, and the user learns why here rather than finding them empty.
 */
function currencyNotice(ctx: WizardCtx, invoiceCurrency: string): string | undefined {
  if (sameCurrency(invoiceCurrency, ctx.portalCurrency)) return undefined;
  return ctx.c.get("t")("card.currency.body", {
    invoiceCurrency: invoiceCurrency.toUpperCase(),
    portalCurrency: ctx.portalCurrency.toUpperCase(),
  });
}

/**
 * The status the deal shows for the new invoice: S1 as tracking stored it at creation (a
 * back-dated invoice can be overdue at once), in the words of the deal's status property.
 */
function dealStatusLabel(ctx: WizardCtx, state: InvoiceStateColumn): string {
  const locale = ctx.c.get("locale");
  const option = INVOICE_STATUS_OPTIONS.find((o) => o.value === state);
  return option ? option.label[locale] : ctx.c.get("t")(`card.status.${state}`);
}

/** "Create invoice" on a complete draft (the service freezes it and queues the push: I10). */
export async function submitReview(ctx: WizardCtx, form: FormData): Promise<Response> {
  const { c } = ctx;
  if (String(form.get("action") ?? "") === "previous") return c.redirect(stepUrl(ctx, "details"), 303);
  const complete = completeDraft(ctx.data, ctx.conn!.country !== "US");
  if (!complete.ok) {
    const t = c.get("t");
    const missing = complete.missing.map((m) => t(`wizard.missing.${m as MissingPart}`)).join(", ");
    return renderReview(ctx, t("wizard.error.incomplete", { missing }), 400);
  }
  await submitForCreation(ctx, c.get("requestId"));
  return c.redirect(stepUrl(ctx), 303);
}

type MissingPart = "company" | "customer" | "lines" | "unmapped" | "tax" | "details";

/** After "Create invoice": progress until the worker is done, then the result (I8). */
export async function statusPage(ctx: WizardCtx): Promise<Response> {
  const { c, draft } = ctx;
  const t = c.get("t");
  if (draft.status === "submitting")
    return c.html(<ProgressPage t={t} locale={c.get("locale")} statusUrl={stepUrl(ctx)} />);
  // The preview link is made from the page's claims, never from the wizard's own token.
  const { token: _wizardToken, ...claims } = c.get("embed");
  const { invoice, previewUrl: preview } = await createdInvoice(ctx, claims);
  const status = invoice ? dealStatusLabel(ctx, invoice.state) : undefined;
  const notice = invoice ? currencyNotice(ctx, invoice.currency) : undefined;
  return c.html(
    <DonePage
      t={t}
      locale={c.get("locale")}
      token={ctx.token}
      draftId={draft.draftId}
      number={invoice?.docNumber ?? invoice?.qboInvoiceId ?? ""}
      company={invoice?.companyName ?? ctx.conn?.companyName ?? ""}
      previewUrl={preview}
      status={status && t(notice ? "wizard.done.statusOnly" : "wizard.done.status", { status })}
      currencyNotice={notice}
    />,
  );
}

/** "Create another invoice": the created draft is closed (kept as the record); a new one starts. */
export async function restart(ctx: WizardCtx): Promise<Response> {
  await closeCreatedDraft(ctx);
  return ctx.c.redirect(`${WIZARD}?${new URLSearchParams({ t: ctx.token }).toString()}`, 303);
}
