import { Hono } from "hono";
import { requireScope, type HsEnv } from "../auth.ts";
import { badRequest } from "../errors.ts";
import { readScopes } from "../object-types.ts";
import { SEARCH_LIMITS, searchBodySchema, searchLimitProblem } from "../search.ts";
import { searchPortal } from "../search-portal.ts";
import { recordJson } from "../serialize.ts";
import { jsonBody, objectTypeParam } from "./common.ts";

/**
 * `POST /crm/v3/objects/{type}/search` (docs/vendors/hubspot.md §4). `after` is a numeric offset; paging
 * past 10,000 results is refused with 400, whatever `total` says. Searches see every write at
 * once (HubSpot's index lags a few seconds; the emulator does not model that).
 */
export function searchRoute(): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  app.post("/:objectType/search", async (c) => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const denied = requireScope(c, readScopes(type));
    if (denied) return denied;
    const body = await jsonBody(c, searchBodySchema);
    if (body instanceof Response) return body;
    const problem = searchLimitProblem(body);
    if (problem) return badRequest(problem);
    const offset = body.after === undefined ? 0 : Number(body.after);
    if (!Number.isInteger(offset) || offset < 0)
      return badRequest(`after must be a non-negative integer offset.`);
    if (offset + body.limit > SEARCH_LIMITS.total)
      return badRequest("There was a problem with the request.", {
        errors: [
          {
            message: `Paging through search results is limited to ${SEARCH_LIMITS.total} results (after + limit was ${offset + body.limit}).`,
            code: "INVALID_PAGING",
          },
        ],
      });

    const { portal } = c.get("auth");
    const sorted = searchPortal(portal, type, body);
    const page = sorted.slice(offset, offset + body.limit);
    const next = offset + body.limit;
    return c.json({
      total: sorted.length,
      results: page.map((r) => recordJson(portal, r, { properties: body.properties })),
      ...(next < sorted.length && body.limit > 0 ? { paging: { next: { after: String(next) } } } : {}),
    });
  });
  return app;
}
