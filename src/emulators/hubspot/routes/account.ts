import { Hono } from "hono";
import type { Clock } from "../../../lib/clock.ts";
import { requireScope, type HsEnv } from "../auth.ts";
import { badRequest, errorResponse } from "../errors.ts";
import { objectTypeOf, readScopes } from "../object-types.ts";
import { DEFAULT_DEAL_PIPELINE, pipelineJson } from "../pipelines.ts";
import type { Owner } from "../portal.ts";

/**
 * Account-level reads (docs/vendors/hubspot.md §12): deal pipelines, owners and account details. Only the
 * default deal pipeline exists; other objects' pipelines (tickets) are not emulated.
 */
export function accountRoutes(clock: Clock): Hono<HsEnv> {
  const app = new Hono<HsEnv>();

  const pipelineType = (segment: string) => {
    const type = objectTypeOf(segment);
    if (!type || type.name !== "deals")
      return badRequest(`Pipelines are only emulated for deals (got ${segment}).`);
    return type;
  };

  app.get("/crm/v3/pipelines/:objectType", (c) => {
    const type = pipelineType(c.req.param("objectType"));
    if (type instanceof Response) return type;
    const denied = requireScope(c, readScopes(type));
    if (denied) return denied;
    return c.json({
      results: [pipelineJson(DEFAULT_DEAL_PIPELINE, c.get("auth").portal.settings.createdAt)],
    });
  });

  app.get("/crm/v3/pipelines/:objectType/:pipelineId", (c) => {
    const type = pipelineType(c.req.param("objectType"));
    if (type instanceof Response) return type;
    const denied = requireScope(c, readScopes(type));
    if (denied) return denied;
    if (c.req.param("pipelineId") !== DEFAULT_DEAL_PIPELINE.id)
      return errorResponse(404, "OBJECT_NOT_FOUND", `Unable to find pipeline ${c.req.param("pipelineId")}`);
    return c.json(pipelineJson(DEFAULT_DEAL_PIPELINE, c.get("auth").portal.settings.createdAt));
  });

  app.get("/crm/v3/pipelines/:objectType/:pipelineId/stages", (c) => {
    const type = pipelineType(c.req.param("objectType"));
    if (type instanceof Response) return type;
    const denied = requireScope(c, readScopes(type));
    if (denied) return denied;
    if (c.req.param("pipelineId") !== DEFAULT_DEAL_PIPELINE.id)
      return errorResponse(404, "OBJECT_NOT_FOUND", `Unable to find pipeline ${c.req.param("pipelineId")}`);
    return c.json({
      results: pipelineJson(DEFAULT_DEAL_PIPELINE, c.get("auth").portal.settings.createdAt).stages,
    });
  });

  app.get("/crm/v3/owners", (c) => {
    const denied = requireScope(c, ["crm.objects.owners.read"]);
    if (denied) return denied;
    const archived = c.req.query("archived") === "true";
    const email = c.req.query("email")?.toLowerCase();
    const owners = c
      .get("auth")
      .portal.owners.filter((o) => o.archived === archived && (!email || o.email.toLowerCase() === email));
    const asked = Number(c.req.query("limit") ?? 100);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 500) : 100;
    const start = Number(c.req.query("after") ?? 0) || 0;
    const page = owners.slice(start, start + limit);
    const next = start + limit < owners.length ? String(start + limit) : undefined;
    return c.json({
      results: page.map(ownerJson),
      ...(next
        ? {
            paging: {
              next: { after: next, link: `${new URL(c.req.url).origin}/crm/v3/owners/?after=${next}` },
            },
          }
        : {}),
    });
  });

  app.get("/crm/v3/owners/:ownerId", (c) => {
    const denied = requireScope(c, ["crm.objects.owners.read"]);
    if (denied) return denied;
    const wanted = c.req.param("ownerId");
    const byUser = c.req.query("idProperty") === "userId";
    const owner = c.get("auth").portal.owners.find((o) => (byUser ? String(o.userId) : o.id) === wanted);
    return owner ? c.json(ownerJson(owner)) : errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");
  });

  app.get("/account-info/v3/details", (c) => {
    const { settings } = c.get("auth").portal;
    const offsetMs = utcOffsetMs(settings.timeZone, clock.now());
    return c.json({
      portalId: settings.portalId,
      accountType: "STANDARD",
      timeZone: settings.timeZone,
      companyCurrency: settings.companyCurrency,
      additionalCurrencies: [],
      utcOffset: formatOffset(offsetMs),
      utcOffsetMilliseconds: offsetMs,
      uiDomain: "app.hubspot.com",
      dataHostingLocation: "na1",
    });
  });

  return app;
}

function ownerJson(owner: Owner) {
  return {
    id: owner.id,
    email: owner.email,
    type: "PERSON",
    firstName: owner.firstName,
    lastName: owner.lastName,
    userId: owner.userId,
    userIdIncludingInactive: owner.userId,
    createdAt: owner.createdAt,
    updatedAt: owner.updatedAt,
    archived: owner.archived,
    teams: [],
  };
}

/** The zone's offset from UTC at an instant, from Intl's `longOffset` ("GMT-05:00"). */
function utcOffsetMs(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  const ms = (Number(match[2]) * 60 + Number(match[3])) * 60_000;
  return match[1] === "-" ? -ms : ms;
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  const minutes = Math.abs(ms) / 60_000;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
