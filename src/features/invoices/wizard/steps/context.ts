import type { Context } from "hono";
import type { HttpClient } from "../../../../connectors/http-client.ts";
import { findDraft, openDraft, type DraftRow } from "../../repo/drafts.ts";
import { listQboConnections } from "../../../connections/index.ts";
import { draftData, type DraftData } from "../draft.ts";
import { dateIn } from "../../status.ts";
import type { AppDeps } from "../../../../http/app.tsx";
import type { AppEnv } from "../../../../http/context.ts";

export const WIZARD = "/embed/invoices/new";
/** The form field and query parameter naming the draft a page belongs to. */
export const DRAFT_FIELD = "draft";
export const STEPS = ["company", "source", "customer", "products", "details", "review"] as const;
export type Step = (typeof STEPS)[number];

export type Company = Awaited<ReturnType<typeof listQboConnections>>[number];

/** Everything a step needs: the draft, the portal's companies, the chosen one, vendor clients. */
export interface WizardCtx {
  c: Context<AppEnv>;
  deps: AppDeps;
  draft: DraftRow;
  data: DraftData;
  companies: Company[];
  /** The chosen company while it is active (a company needing reconnection is never "chosen"). */
  conn?: Company;
  hs: HttpClient;
  qbo?: HttpClient;
  /** Today in the company's time zone (the invoice date's default). */
  today: string;
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
 * this portal's, deal's and HubSpot user's. Without a draft named, the user's open draft for the
 * deal, created on first use: one per deal and user, resumed on every reopening.
 */
export async function wizardContext(c: Context<AppEnv>, deps: AppDeps): Promise<WizardCtx | undefined> {
  const embed = c.get("embed");
  const db = deps.database.db;
  const now = deps.clock.now();
  const portal = await db
    .selectFrom("portals")
    .select(["portalId", "appId"])
    .where("portalId", "=", embed.portalId)
    .executeTakeFirst();
  if (!portal) return undefined;
  const owner = { portalId: embed.portalId, dealId: embed.objectId, hubspotUserId: embed.hubspotUserId };
  const named = await addressedDraft(c);
  const draft =
    named === undefined ? await openDraft(db, owner, now) : await findDraft(db, embed.portalId, named);
  if (!draft || draft.dealId !== owner.dealId || draft.hubspotUserId !== owner.hubspotUserId)
    return undefined;
  const data = draftData.parse(draft.data);
  const companies = await listQboConnections(db, embed.portalId);
  const active = companies.filter((x) => x.status === "active");
  // With one company there is nothing to pick (I1): it is the company.
  if (!data.connectionId && active.length === 1) data.connectionId = active[0]!.connectionId;
  const conn = active.find((x) => x.connectionId === data.connectionId);
  return {
    c,
    deps,
    draft,
    data,
    companies,
    conn,
    hs: deps.clients!.hubspot(portal),
    qbo: conn ? deps.clients!.qbo(conn) : undefined,
    today: dateIn(conn?.timeZone ?? "UTC", now),
    token: embed.token,
  };
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

/** What every page's frame needs, for the pages in web/pages/wizard. */
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
