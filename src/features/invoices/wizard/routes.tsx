import { Hono, type Context } from "hono";
import type { AppDeps } from "../../../http/context.ts";
import type { AppEnv } from "../../../http/context.ts";
import { embedAuth } from "../../../http/middleware/embed.ts";
import { noCompany, numbersRefusal, renderCompany, submitCompany } from "./steps/company.tsx";
import {
  firstOpenStep,
  STEPS,
  stepUrl,
  WIZARD,
  wizardContext,
  type Step,
  type WizardCtx,
} from "./steps/context.ts";
import { renderCustomer, submitCustomer } from "./steps/customer.tsx";
import { dueDateAnswer, renderDetails, submitDetails } from "./steps/details.tsx";
import { refusalPage, VendorFailed, vendorFailure, type Outcome } from "./steps/outcome.tsx";
import { renderProducts, submitProducts } from "./steps/products.tsx";
import { renderReview, restart, statusPage, submitReview } from "./steps/review.tsx";
import { renderSource, submitSource } from "./steps/source.tsx";

type Render = (ctx: WizardCtx, error?: string, status?: 200 | 400) => Response | Promise<Response>;
type Submit = (ctx: WizardCtx, form: FormData) => Promise<Outcome>;

const RENDER: Record<Step, Render> = {
  company: renderCompany,
  source: renderSource,
  customer: renderCustomer,
  products: renderProducts,
  details: renderDetails,
  review: renderReview,
};
const SUBMIT: Record<Exclude<Step, "review">, Submit> = {
  company: submitCompany,
  source: submitSource,
  customer: submitCustomer,
  products: submitProducts,
  details: submitDetails,
};

const isStep = (s: string): s is Step => (STEPS as readonly string[]).includes(s);
const order = (s: Step) => STEPS.indexOf(s);

/**
 * The create-invoice wizard (I1–I10) in HubSpot's iframe, one step per page:
 * `/embed/invoices/new` opens (or resumes) the user's draft for the deal and goes to its step;
 * `/embed/invoices/new/<step>` shows and saves a step; every page carries `t` and `draft`.
 * Every step saves the server-side draft, so reloads, the back button and a closed tab lose nothing.
 */
export function wizardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of [WIZARD, `${WIZARD}/*`]) {
    app.use(path, embedAuth(deps.secrets, deps.clock));
    app.use(path, async (c, next) => {
      if (c.get("embed").objectType !== "deals")
        return refusalPage(c, 400, "wizard.title", ["wizard.notDeal"]);
      if (!deps.clients || !deps.queue) return c.text(c.get("t")("wizard.unconfigured"), 503);
      return next();
    });
  }

  app.get(WIZARD, (c) =>
    withContext(c, deps, async (ctx) => {
      if (ctx.draft.status !== "editing") return statusPage(ctx);
      if (!ctx.conn) return noCompany(ctx) ?? c.redirect(stepUrl(ctx, "company"), 303);
      const open = firstOpenStep(ctx);
      const saved = isStep(ctx.draft.step) ? ctx.draft.step : open;
      const step = order(saved) <= order(open) ? saved : open;
      // I9 before any step: the source step asks QuickBooks itself, later steps are asked here.
      if (step !== "source" && step !== "company") {
        const refused = await numbersRefusal(ctx);
        if (refused) return refused;
      }
      return c.redirect(stepUrl(ctx, step), 303);
    }),
  );

  // Before `/:step`: the details page's script asks here while the terms change.
  app.get(`${WIZARD}/due-date`, (c) => withContext(c, deps, dueDateAnswer));

  app.get(`${WIZARD}/:step`, (c) =>
    withContext(c, deps, async (ctx) => {
      const step = c.req.param("step");
      if (!isStep(step)) return c.notFound();
      const early = guard(ctx, step);
      return early ?? RENDER[step](ctx);
    }),
  );

  app.post(`${WIZARD}/restart`, (c) => withContext(c, deps, restart));

  app.post(`${WIZARD}/:step`, (c) =>
    withContext(c, deps, async (ctx) => {
      const step = c.req.param("step");
      if (!isStep(step)) return c.notFound();
      const early = guard(ctx, step);
      if (early) return early;
      const form = await c.req.formData();
      if (step === "review") return submitReview(ctx, form);
      const outcome = await SUBMIT[step](ctx, form);
      if ("go" in outcome) return c.redirect(stepUrl(ctx, outcome.go, outcome.query), 303);
      // Refused: the same step again with the reason, from the saved draft (nothing half-applied).
      const fresh = (await wizardContext(c, deps))!;
      return RENDER[step](fresh, c.get("t")(outcome.refuse.key, outcome.refuse.params), 400);
    }),
  );
  return app;
}

/**
 * Where a step's URL must not be served: a submitted or created draft (its status page instead),
 * no usable company yet, or a step whose earlier steps are not done (the first open one instead).
 */
function guard(ctx: WizardCtx, step: Step): Response | undefined {
  const { c } = ctx;
  if (ctx.draft.status !== "editing") return c.redirect(stepUrl(ctx), 303);
  if (step === "company") return undefined;
  if (!ctx.conn) return c.redirect(stepUrl(ctx, "company"), 303);
  const open = firstOpenStep(ctx);
  return order(step) > order(open) ? c.redirect(stepUrl(ctx, open), 303) : undefined;
}

/** The draft this request names (404 when it is not this user's), and vendor failures as pages. */
async function withContext(c: Context<AppEnv>, deps: AppDeps, run: (ctx: WizardCtx) => Promise<Response>) {
  const ctx = await wizardContext(c, deps);
  if (!ctx) return refusalPage(c, 404, "wizard.notFound.title", ["wizard.notFound.body"]);
  try {
    return await run(ctx);
  } catch (error) {
    if (error instanceof VendorFailed) return vendorFailure(c, error);
    throw error;
  }
}
