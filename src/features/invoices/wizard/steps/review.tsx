import { activeTaxCodes } from "../../../../connectors/qbo/lists.ts";
import { closeDraft, submitDraft } from "../../repo/drafts.ts";
import { findInvoice } from "../../repo/invoices.ts";
import { signToken } from "../../../../lib/signed-token.ts";
import { completeDraft } from "../draft.ts";
import { pushInvoice } from "../../jobs.ts";
import { draftErrorText } from "../../pages/invoice-error.ts";
import { DonePage, ProgressPage, ReviewStep } from "../pages/review.tsx";
import { LINK_LIFETIME_MS } from "../../card/routes.ts";
import { frame, stepUrl, WIZARD, type WizardCtx } from "./context.ts";
import { need } from "./outcome.tsx";
import { currencyOf } from "./products.tsx";

/** I7: everything entered, and the reason the last "Create invoice" failed, if it did (the draft kept). */
export async function renderReview(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const { c, data } = ctx;
  const t = c.get("t");
  const us = ctx.conn!.country === "US";
  const taxCodeNames = us
    ? {}
    : Object.fromEntries((await need("QuickBooks", activeTaxCodes(ctx.qbo!))).map((x) => [x.id, x.name]));
  const failure = error ? undefined : draftErrorText(t, ctx.draft.error);
  return c.html(
    <ReviewStep
      {...frame(ctx, "review", error ?? failure?.message, failure?.detail)}
      data={data}
      companyName={ctx.conn!.companyName}
      sourceLabel={data.source?.kind === "quote" ? t("wizard.source.quote") : t("wizard.source.scratch")}
      currency={currencyOf(ctx)}
      taxCodeNames={taxCodeNames}
      us={us}
    />,
    status,
  );
}

/**
 * "Create invoice": the draft is frozen (editing → submitting) and `push-invoice` queued in one
 * transaction, so a double click or a resent form finds it submitted and queues nothing (I10).
 */
export async function submitReview(ctx: WizardCtx, form: FormData): Promise<Response> {
  const { c, deps } = ctx;
  if (String(form.get("action") ?? "") === "previous") return c.redirect(stepUrl(ctx, "details"), 303);
  const complete = completeDraft(ctx.data, ctx.conn!.country !== "US");
  if (!complete.ok) {
    const t = c.get("t");
    const missing = complete.missing.map((m) => t(`wizard.missing.${m as MissingPart}`)).join(", ");
    return renderReview(ctx, t("wizard.error.incomplete", { missing }), 400);
  }
  await deps.database.db.transaction().execute(async (trx) => {
    if (await submitDraft(trx, ctx.draft.draftId, deps.clock.now()))
      await deps.queue!.enqueue(
        trx,
        pushInvoice,
        { draftId: ctx.draft.draftId },
        { requestId: c.get("requestId") },
      );
  });
  return c.redirect(stepUrl(ctx), 303);
}

type MissingPart = "company" | "customer" | "lines" | "unmapped" | "tax" | "details";

/** After "Create invoice": progress until the worker is done, then the result (I8). */
export async function statusPage(ctx: WizardCtx): Promise<Response> {
  const { c, deps, draft } = ctx;
  const t = c.get("t");
  if (draft.status === "submitting")
    return c.html(<ProgressPage t={t} locale={c.get("locale")} statusUrl={stepUrl(ctx)} />);
  const invoice = draft.invoiceKey
    ? await findInvoice(deps.database.db, draft.portalId, draft.invoiceKey)
    : undefined;
  // The preview link gets its own token, bound to this invoice (ADR 11), not the wizard's.
  const { token: _wizardToken, ...claims } = c.get("embed");
  const previewUrl = invoice
    ? `/invoices/${encodeURIComponent(invoice.invoiceKey)}/preview?t=${encodeURIComponent(
        signToken(deps.secrets, {
          ...claims,
          purpose: "preview",
          invoiceKey: invoice.invoiceKey,
          exp: deps.clock.now().getTime() + LINK_LIFETIME_MS,
        }),
      )}`
    : undefined;
  return c.html(
    <DonePage
      t={t}
      locale={c.get("locale")}
      token={ctx.token}
      draftId={draft.draftId}
      number={invoice?.docNumber ?? invoice?.qboInvoiceId ?? ""}
      company={invoice?.companyName ?? ctx.conn?.companyName ?? ""}
      previewUrl={previewUrl}
    />,
  );
}

/** "Create another invoice": the created draft is closed (kept as the record); a new one starts. */
export async function restart(ctx: WizardCtx): Promise<Response> {
  await closeDraft(ctx.deps.database.db, ctx.draft.draftId, ctx.deps.clock.now());
  return ctx.c.redirect(`${WIZARD}?${new URLSearchParams({ t: ctx.token }).toString()}`, 303);
}
