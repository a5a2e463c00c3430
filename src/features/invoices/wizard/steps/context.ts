import type { Context } from "hono";
import { openWizard, type WizardState } from "../service.ts";
import type { AppDeps } from "../../../../http/context.ts";
import type { AppEnv } from "../../../../http/context.ts";

export const WIZARD = "/embed/invoices/new";
/** The form field and query parameter naming the draft a page belongs to. */
export const DRAFT_FIELD = "draft";
export const STEPS = ["company", "source", "customer", "products", "details", "review"] as const;
export type Step = (typeof STEPS)[number];

/** Everything a step needs: the wizard's state (wizard/service.ts), the request, its token. */
export interface WizardCtx extends WizardState {
  c: Context<AppEnv>;
  token: string;
}

async function addressedDraft(c: Context<AppEnv>): Promise<string | undefined> {
  const fromQuery = c.req.query(DRAFT_FIELD);
  if (fromQuery !== undefined || c.req.method !== "POST") return fromQuery;
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("form")) return undefined;
  const value = (await c.req.formData()).get(DRAFT_FIELD);
  return typeof value === "string" ? value : undefined;
}

/**
 * The wizard's state for this request, or undefined (404) when the page names a draft that is not
 * this portal's, deal's and HubSpot user's (the embed token says whose).
 */
export async function wizardContext(c: Context<AppEnv>, deps: AppDeps): Promise<WizardCtx | undefined> {
  const embed = c.get("embed");
  const owner = { portalId: embed.portalId, dealId: embed.objectId, hubspotUserId: embed.hubspotUserId };
  const state = await openWizard(deps, owner, await addressedDraft(c));
  return state && { ...state, c, token: embed.token };
}

/** The steps this draft goes through: no company step with a single active company (I1). */
export function stepsFor(ctx: WizardCtx): Step[] {
  const active = ctx.companies.filter((x) => x.status === "active").length;
  return STEPS.filter((s) => s !== "company" || active > 1);
}

/** A wizard URL: every one carries the embed token and the draft (ADR 11). */
export function stepUrl(
  ctx: { token: string; draft: { draftId: string } },
  step?: Step,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({ t: ctx.token, [DRAFT_FIELD]: ctx.draft.draftId, ...extra });
  return `${WIZARD}${step ? `/${step}` : ""}?${query.toString()}`;
}

export function neighbour(ctx: WizardCtx, step: Step, dir: 1 | -1): Step {
  const steps = stepsFor(ctx);
  const i = steps.indexOf(step);
  return steps[Math.min(steps.length - 1, Math.max(0, i + dir))]!;
}

/**
 * The first step not done yet: a later step's URL opened early (an old bookmark, a hand-typed
 * path) goes there instead of showing a page that cannot work.
 */
export function firstOpenStep(ctx: WizardCtx): Step {
  const d = ctx.data;
  if (!ctx.conn) return "company";
  if (!d.source) return "source";
  if (!d.customer) return "customer";
  if (d.lines.length === 0 || d.lines.some((l) => !l.itemId)) return "products";
  if (ctx.conn.country !== "US" && d.lines.some((l) => !l.taxCodeId)) return "products";
  if (!d.invoiceDate) return "details";
  return "review";
}

/** What every page's frame needs, for the pages in wizard/pages/. */
export function frame(ctx: WizardCtx, step: Step, error?: string, errorDetail?: string) {
  const steps = stepsFor(ctx);
  return {
    t: ctx.c.get("t"),
    locale: ctx.c.get("locale"),
    token: ctx.token,
    draftId: ctx.draft.draftId,
    dealName: ctx.data.dealName ?? ctx.draft.dealId,
    step: { n: Math.max(1, steps.indexOf(step) + 1), total: steps.length },
    error,
    errorDetail,
  };
}
