import type { Context } from "hono";
import type { HttpClient } from "../../../connectors/http-client.ts";
import { openDraft, type DraftRow } from "../../../db/repos/drafts.ts";
import { draftData, type DraftData } from "../../../sync/invoices/draft.ts";
import { dateIn } from "../../../sync/status.ts";
import type { AppDeps } from "../../app.tsx";
import type { AppEnv } from "../../context.ts";

export const WIZARD = "/embed/invoices/new";
export const STEPS = ["company", "source", "customer", "products", "details", "review"] as const;
export type Step = (typeof STEPS)[number];

export interface Company {
  portalId: string;
  connectionId: string;
  realmId: string;
  companyName: string;
  country: string;
  homeCurrency: string;
  timeZone: string;
  customTxnNumbers: boolean;
  status: "active" | "needs_reconnect";
}

/** Everything a step needs: the draft, the portal's companies, the chosen one, vendor clients. */
export interface WizardCtx {
  c: Context<AppEnv>;
  deps: AppDeps;
  draft: DraftRow;
  data: DraftData;
  companies: Company[];
  conn?: Company;
  hs: HttpClient;
  qbo?: HttpClient;
  /** Today in the company's time zone (the invoice date's default). */
  today: string;
  token: string;
}

export async function wizardContext(c: Context<AppEnv>, deps: AppDeps): Promise<WizardCtx> {
  const embed = c.get("embed");
  const db = deps.database.db;
  const now = deps.clock.now();
  const draft = await openDraft(
    db,
    { portalId: embed.portalId, dealId: embed.objectId, hubspotUserId: embed.hubspotUserId },
    now,
  );
  const data = draftData.parse(draft.data);
  const companies = (await db
    .selectFrom("qboConnections")
    .select([
      "portalId",
      "connectionId",
      "realmId",
      "companyName",
      "country",
      "homeCurrency",
      "timeZone",
      "customTxnNumbers",
      "status",
    ])
    .where("portalId", "=", embed.portalId)
    .orderBy("createdAt")
    .execute()) as Company[];
  const active = companies.filter((x) => x.status === "active");
  // With one company there is nothing to pick (I1): it is the company.
  if (!data.connectionId && active.length === 1) data.connectionId = active[0]!.connectionId;
  const conn = active.find((x) => x.connectionId === data.connectionId);
  const portal = await db
    .selectFrom("portals")
    .select(["portalId", "appId"])
    .where("portalId", "=", embed.portalId)
    .executeTakeFirstOrThrow();
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

/** The steps this draft goes through: no company step with a single company. */
export function stepsFor(ctx: WizardCtx): Step[] {
  const active = ctx.companies.filter((x) => x.status === "active").length;
  return STEPS.filter((s) => s !== "company" || active > 1);
}

export function stepUrl(ctx: { token: string }, step?: Step, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ t: ctx.token, ...extra }).toString();
  return `${WIZARD}${step ? `/${step}` : ""}?${query}`;
}

export function neighbour(ctx: WizardCtx, step: Step, dir: 1 | -1): Step {
  const steps = stepsFor(ctx);
  const i = steps.indexOf(step);
  return steps[Math.min(steps.length - 1, Math.max(0, i + dir))]!;
}

export function frame(ctx: WizardCtx, step: Step, error?: string, errorDetail?: string) {
  const steps = stepsFor(ctx);
  return {
    t: ctx.c.get("t"),
    locale: ctx.c.get("locale"),
    token: ctx.token,
    dealName: ctx.data.dealName ?? ctx.draft.dealId,
    step: { n: Math.max(1, steps.indexOf(step) + 1), total: steps.length },
    error,
    errorDetail,
  };
}
