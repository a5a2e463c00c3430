import type { MiddlewareHandler } from "hono";
import type { ChangeRights } from "../../features/connections/index.ts";
import { MessagePage } from "../../web/message.tsx";
import { pageProps } from "../../features/overview/index.ts";
import type { AppEnv } from "../context.ts";

/**
 * The pages whose changes need a HubSpot super admin (ADR 0024): connections (connecting and
 * disconnecting QuickBooks, its OAuth callback included), sync settings and initial syncs,
 * mappings and automations.
 */
const GUARDED = /^\/(connections|sync|mappings|automations|oauth\/qbo)(\/|$)/;
/** A GET that changes something: the QuickBooks OAuth callback stores a connection. */
const CHANGING_GET = /^\/oauth\/qbo\//;

/**
 * Signed-in users who are not super admins see the guarded pages read-only (`readOnly` says why;
 * the layout disables the forms) and any change they send is refused with 403 before a route
 * runs, so nothing changes. When HubSpot cannot say, changes are refused as well (fail closed).
 */
export function changeRightsMiddleware(rights: ChangeRights): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get("user");
    if (!user || !GUARDED.test(c.req.path)) return next();
    const right = await rights.check(user);
    if (right.allowed) return next();
    const t = c.get("t");
    const why = t(
      right.reason === "not_admin"
        ? "access.changes.notAdmin"
        : right.reason === "no_scope"
          ? "access.changes.noScope"
          : "access.changes.unreachable",
    );
    if (c.req.method === "GET" && !CHANGING_GET.test(c.req.path)) {
      c.set("readOnly", why);
      return next();
    }
    c.get("log").warn({ reason: right.reason, path: c.req.path }, "refused a change by a non-super-admin");
    return c.html(<MessagePage {...pageProps(c)} title={t("access.changes.title")} message={why} />, 403);
  };
}
