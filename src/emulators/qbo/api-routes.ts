import { Hono, type Context } from "hono";
import { runBatch } from "./batch.ts";
import { entityNamed, SINGLETONS, type Entity, type EntityName } from "./entities.ts";
import { faultResponse, throttledResponse, unauthorizedResponse } from "./faults.ts";
import { read, send } from "./operations.ts";
import { salesFormPdf } from "./pdf.ts";
import { runCdc, runQuery } from "./query-run.ts";
import { QboFault, faults, type RuleContext } from "./rules/common.ts";
import type { Company } from "./store.ts";
import { companyTime } from "./time.ts";
import type { QboWorld } from "./world.ts";
import { write } from "./write.ts";

type Env = { Variables: { company: Company; clientId: string; account: string } };

/**
 * Intuit's limits (docs/vendors/quickbooks.md §10): per realm per minute, per realm and app per second, batch
 * per minute.
 */
export const QBO_LIMITS = {
  perMinute: 500,
  perSecond: 10,
  batchPerMinutePerApp: 40,
  batchPerMinute: 120,
};

function wrongRealm(now: Date): Response {
  return faultResponse(
    401,
    "AuthenticationFault",
    {
      code: "100",
      message: "General Authentication Error",
      detail: "AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401",
    },
    now,
  );
}

function includes(c: Context): string[] {
  return (c.req.query("include") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function envelope(company: Company, now: Date, body: Entity, status = 200): Response {
  return Response.json({ ...body, time: companyTime(now, company.settings.timeZone) }, { status });
}

/** The Accounting API under `/v3/company/{realmId}` (docs/vendors/quickbooks.md §2, §4–§8). */
export function apiRoutes(world: QboWorld): Hono<Env> {
  const app = new Hono<Env>();

  // Authentication, throttling, the intuit_tid header, and webhooks for whatever changed.
  app.use("/v3/company/:realmId/*", async (c, next) => {
    const now = world.now();
    const header = c.req.header("authorization") ?? "";
    const token = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) return unauthorizedResponse("Malformed bearer token: too short or too long", now);
    const access = world.oauth.checkAccess(token, now.getTime());
    if (access === "expired") return unauthorizedResponse(`Token expired: ${token.slice(0, 40)}`, now);
    if (access === "invalid") return unauthorizedResponse("Token invalid or revoked", now);
    const realmId = c.req.param("realmId");
    const company = world.companies.get(realmId);
    if (!company || access.realmId !== realmId) return wrongRealm(now);
    c.set("company", company);
    c.set("clientId", access.clientId);
    c.set("account", realmId);

    const limiter = world.limiter;
    const isBatch = /\/batch\/?$/i.test(c.req.path);
    const checks: Array<[string, number, number]> = [
      [`${realmId}:${access.clientId}:second`, QBO_LIMITS.perSecond, 1000],
      [`${realmId}:minute`, QBO_LIMITS.perMinute, 60_000],
      ...(isBatch
        ? ([
            [`${realmId}:${access.clientId}:batch`, QBO_LIMITS.batchPerMinutePerApp, 60_000],
            [`${realmId}:batch`, QBO_LIMITS.batchPerMinute, 60_000],
          ] as Array<[string, number, number]>)
        : []),
    ];
    for (const [key, limit, window] of checks) {
      if (!limiter.hit(key, limit, window).allowed) return throttledResponse(now);
    }
    await next();
    c.res.headers.set("intuit_tid", crypto.randomUUID());
    world.notify(company);
    if (c.req.method !== "GET") world.changed();
    return undefined;
  });

  const guarded = async (c: Context<Env>, run: (ctx: RuleContext) => Response | Promise<Response>) => {
    const company = c.get("company");
    const ctx = world.context(company, includes(c));
    try {
      return await run(ctx);
    } catch (error) {
      if (error instanceof QboFault) return faultResponse(error.status, error.type, error.error, ctx.now);
      throw error;
    }
  };

  /** Replays the first answer to a write that carried `?requestid=` (docs/vendors/quickbooks.md §4.7). */
  const idempotent = async (
    c: Context<Env>,
    max: number,
    run: () => Promise<Response>,
  ): Promise<Response> => {
    const requestId = c.req.query("requestid");
    if (requestId === undefined) return run();
    const company = c.get("company");
    if (requestId.length === 0 || requestId.length > max) {
      const error = faults.stringLength("requestid", max).error;
      return faultResponse(400, "ValidationFault", error, world.now());
    }
    const stored = company.requestIds.get(requestId);
    if (stored) {
      return new Response(stored.body, {
        status: stored.status,
        headers: { "content-type": "application/json" },
      });
    }
    const res = await run();
    const body = await res.text();
    company.requestIds.set(requestId, { status: res.status, body, at: world.now().toISOString() });
    return new Response(body, { status: res.status, headers: res.headers });
  };

  const readJson = async (c: Context): Promise<Entity> => {
    const text = await c.req.text();
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Entity;
    } catch {
      // fall through to the fault below
    }
    throw faults.invalidProperty("Request body is not a JSON object");
  };

  app.get("/v3/company/:realmId/query", (c) =>
    guarded(c, (ctx) =>
      envelope(ctx.company, ctx.now, { QueryResponse: runQuery(ctx, c.req.query("query") ?? "") }),
    ),
  );
  app.post("/v3/company/:realmId/query", (c) =>
    guarded(c, async (ctx) =>
      envelope(ctx.company, ctx.now, { QueryResponse: runQuery(ctx, await c.req.text()) }),
    ),
  );

  app.get("/v3/company/:realmId/cdc", (c) =>
    guarded(c, (ctx) =>
      envelope(ctx.company, ctx.now, {
        CDCResponse: [{ QueryResponse: runCdc(ctx, c.req.query("entities"), c.req.query("changedSince")) }],
      }),
    ),
  );

  app.post("/v3/company/:realmId/batch", (c) =>
    idempotent(c, 36, () =>
      guarded(c, async (ctx) =>
        envelope(ctx.company, ctx.now, {
          BatchItemResponse: runBatch(ctx, await readJson(c), c.req.query("requestid") !== undefined),
        }),
      ),
    ),
  );

  app.get("/v3/company/:realmId/:resource/:id?/:action?", (c) =>
    guarded(c, (ctx) => {
      const entity = entityNamed(c.req.param("resource"));
      const id = c.req.param("id");
      const action = c.req.param("action");
      if (!entity) throw notSupported(c);
      if (entity === "Preferences" && !id)
        return envelope(ctx.company, ctx.now, { Preferences: read(ctx, entity, "1") });
      if (entity === "CompanyInfo" && (id === ctx.company.settings.realmId || id === "1")) {
        return envelope(ctx.company, ctx.now, { CompanyInfo: read(ctx, entity, "1") });
      }
      if (!id || SINGLETONS.has(entity)) throw notSupported(c);
      if (!/^\d+$/.test(id)) throw faults.invalidProperty(`Invalid ID: ${id}`, "Id");
      const value = read(ctx, entity, id);
      if (action?.toLowerCase() === "pdf" && (entity === "Invoice" || entity === "Estimate")) {
        return new Response(salesFormPdf(entity, value, ctx.company.settings.name), {
          headers: { "content-type": "application/pdf" },
        });
      }
      if (action) throw notSupported(c);
      return envelope(ctx.company, ctx.now, { [entity]: value });
    }),
  );

  app.post("/v3/company/:realmId/:resource/:id/send", (c) =>
    idempotent(c, 50, () =>
      guarded(c, (ctx) => {
        const entity = entityNamed(c.req.param("resource"));
        if (!entity) throw notSupported(c);
        // node-quickbooks does not URL-encode sendTo, so a '+' in the address arrives as a space.
        const sendTo = c.req.query("sendTo")?.replace(/ /g, "+");
        return envelope(ctx.company, ctx.now, { [entity]: send(ctx, entity, c.req.param("id"), sendTo) });
      }),
    ),
  );

  app.post("/v3/company/:realmId/:resource", (c) =>
    idempotent(c, 50, () =>
      guarded(c, async (ctx) => {
        const entity: EntityName | undefined = entityNamed(c.req.param("resource"));
        if (!entity) throw notSupported(c);
        const body = await readJson(c);
        // Intuit documents updates as a POST to the entity URL with Id and SyncToken in the body
        // (docs/vendors/quickbooks.md §4); `operation=update` is what node-quickbooks adds. The PHP SDK
        // posts Preferences without it either (§3.9).
        const operation =
          c.req.query("operation") ?? (SINGLETONS.has(entity) || isUpdate(body) ? "update" : undefined);
        return envelope(ctx.company, ctx.now, { [entity]: write(ctx, entity, operation, body) });
      }),
    ),
  );

  return app;
}

/** A body naming the object it changes: `Id` and `SyncToken` make a POST to the entity URL an update. */
function isUpdate(body: Entity): boolean {
  const present = (v: unknown) => v !== undefined && v !== null && v !== "";
  return present(body.Id) && present(body.SyncToken);
}

function notSupported(c: Context): QboFault {
  return new QboFault(404, "ValidationFault", {
    code: "500",
    message: "Unsupported Operation",
    detail: `Operation ${c.req.method} ${new URL(c.req.url).pathname} is not supported.`,
  });
}
