import { Hono, type Context } from "hono";
import { closeDraft, submitDraft } from "../../db/repos/drafts.ts";
import { findInvoice } from "../../db/repos/invoices.ts";
import { signToken } from "../../lib/signed-token.ts";
import { completeDraft } from "../../sync/invoices/draft.ts";
import { pushInvoice } from "../../sync/invoices/job-defs.ts";
import { EmbedLayout } from "../../web/embed-layout.tsx";
import { DonePage, ProgressPage } from "../../web/pages/wizard/review.tsx";
import type { AppDeps } from "../app.tsx";
import type { AppEnv } from "../context.ts";
import { embedAuth } from "../middleware/embed.ts";
import { LINK_LIFETIME_MS } from "./card.ts";
import { STEPS, stepUrl, WIZARD, wizardContext, type Step, type WizardCtx } from "./wizard/context.ts";
import { renderStep, VendorFailed, vendorFailure } from "./wizard/render.tsx";
import {
  submitCompany,
  submitCustomer,
  submitDetails,
  submitProducts,
  submitSource,
  type Outcome,
} from "./wizard/submit.ts";

const SUBMIT: Record<Exclude<Step, "review">, (ctx: WizardCtx, form: FormData) => Promise<Outcome>> = {
  company: submitCompany,
  source: submitSource,
  customer: submitCustomer,
  products: submitProducts,
  details: submitDetails,
};

/**
 * The create-invoice wizard (I1–I10) in HubSpot's iframe, one step per page. Every step saves the
 * server-side draft (one per deal and HubSpot user), so reloads and the back button lose nothing.
 * "Create invoice" freezes the draft and queues `push-invoice` in one transaction.
 */
export function wizardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of [WIZARD, `${WIZARD}/*`]) {
    app.use(path, embedAuth(deps.secrets, deps.clock));
    app.use(path, async (c, next) => {
      if (!deps.clients || !deps.queue) return c.text("QuickBooks and HubSpot are not configured", 503);
      if (c.get("embed").objectType !== "deals") return c.html(plain(c, "wizard.notDeal"), 400);
      await next();
    });
  }

  app.get(WIZARD, (c) =>
    guarded(c, deps, async (ctx) => {
      if (ctx.draft.status === "submitting")
        return c.html(<ProgressPage t={c.get("t")} locale={c.get("locale")} token={ctx.token} />);
      if (ctx.draft.status === "created") return done(ctx);
      const first = ctx.conn ? (ctx.draft.step as Step) : "company";
      return c.redirect(stepUrl(ctx, STEPS.includes(first) ? first : "company"), 303);
    }),
  );

  app.get(`${WIZARD}/:step`, (c) =>
    guarded(c, deps, async (ctx) => {
      const step = c.req.param("step") as Step;
      if (!STEPS.includes(step)) return c.notFound();
      if (ctx.draft.status !== "editing") return c.redirect(stepUrl(ctx), 303);
      if (step !== "company" && !ctx.conn) return c.redirect(stepUrl(ctx, "company"), 303);
      return renderStep(ctx, step);
    }),
  );

  app.post(`${WIZARD}/restart`, (c) =>
    guarded(c, deps, async (ctx) => {
      await closeDraft(deps.database.db, ctx.draft.draftId, deps.clock.now());
      return c.redirect(stepUrl(ctx), 303);
    }),
  );

  app.post(`${WIZARD}/review`, (c) =>
    guarded(c, deps, async (ctx) => {
      const form = await c.req.formData();
      if (String(form.get("action")) === "previous") return c.redirect(stepUrl(ctx, "details"), 303);
      if (ctx.draft.status !== "editing" || !ctx.conn) return c.redirect(stepUrl(ctx), 303);
      const complete = completeDraft(ctx.data, ctx.conn.country !== "US");
      if (!complete.ok)
        return renderStep(
          ctx,
          "review",
          c.get("t")("invoiceError.incomplete", { detail: complete.missing.join(", ") }),
          400,
        );
      const queue = deps.queue!;
      // Freeze and queue together: a double click finds the draft submitted and queues nothing (I10).
      await deps.database.db.transaction().execute(async (trx) => {
        if (await submitDraft(trx, ctx.draft.draftId, deps.clock.now()))
          await queue.enqueue(
            trx,
            pushInvoice,
            { draftId: ctx.draft.draftId },
            { requestId: c.get("requestId") },
          );
      });
      return c.redirect(stepUrl(ctx), 303);
    }),
  );

  app.post(`${WIZARD}/:step`, (c) =>
    guarded(c, deps, async (ctx) => {
      const step = c.req.param("step") as Step;
      if (!STEPS.includes(step) || step === "review") return c.notFound();
      if (ctx.draft.status !== "editing") return c.redirect(stepUrl(ctx), 303);
      if (step !== "company" && !ctx.conn) return c.redirect(stepUrl(ctx, "company"), 303);
      const outcome = await SUBMIT[step](ctx, await c.req.formData());
      if ("go" in outcome) return c.redirect(stepUrl(ctx, outcome.go, outcome.query), 303);
      // Refused: the same step again with the reason, from the saved draft (nothing half-applied).
      const fresh = await wizardContext(c, deps);
      return renderStep(fresh, step, c.get("t")(outcome.refuse), 400);
    }),
  );
  return app;
}

async function guarded(c: Context<AppEnv>, deps: AppDeps, run: (ctx: WizardCtx) => Promise<Response>) {
  const ctx = await wizardContext(c, deps);
  try {
    return await run(ctx);
  } catch (error) {
    if (error instanceof VendorFailed) return vendorFailure(ctx, error.vendor, error.error);
    throw error;
  }
}

async function done(ctx: WizardCtx) {
  const { c, deps } = ctx;
  const invoice = ctx.draft.invoiceKey
    ? await findInvoice(deps.database.db, ctx.draft.portalId, ctx.draft.invoiceKey)
    : undefined;
  const embed = c.get("embed");
  const preview = invoice
    ? signToken(deps.secrets, {
        ...embed,
        purpose: "preview",
        invoiceKey: invoice.invoiceKey,
        exp: deps.clock.now().getTime() + LINK_LIFETIME_MS,
      })
    : "";
  const number = invoice?.docNumber ?? invoice?.qboInvoiceId ?? "";
  return c.html(
    <DonePage
      t={c.get("t")}
      locale={c.get("locale")}
      token={ctx.token}
      number={number}
      company={invoice?.companyName ?? ""}
      previewUrl={`/invoices/${encodeURIComponent(invoice?.invoiceKey ?? "")}/preview?t=${encodeURIComponent(preview)}`}
    />,
  );
}

function plain(c: Context<AppEnv>, key: "wizard.notDeal") {
  const t = c.get("t");
  return (
    <EmbedLayout t={t} locale={c.get("locale")} title={t("wizard.title")}>
      <p role="alert">{t(key)}</p>
    </EmbedLayout>
  );
}
