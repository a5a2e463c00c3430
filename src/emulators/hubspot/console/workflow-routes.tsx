import { Hono, type Context } from "hono";
import type { HsWorkflowAction, HsWorkflowConsole } from "../contract.ts";
import { objectType } from "../extensions/object-types.ts";
import type { Locale } from "../extensions/locale.ts";
import { recordTitle } from "../extensions/record-title.ts";
import type { Portal } from "../portal.ts";
import type { PageContext } from "./page-context.ts";
import type { World } from "../world.ts";
import { ErrorPage } from "./error-page.tsx";
import { consolePaths, withLang } from "./paths.ts";
import { RunPage } from "./run-page.tsx";
import { pageContext, portalOf, type ConsoleOptions } from "./request.ts";
import { consoleStrings } from "./strings.ts";
import { actionName, fieldLabel } from "./workflow-labels.ts";
import { WorkflowsPage, type ActionForm } from "./workflows-page.tsx";

/** The record picker offers at most this many records per type (the first by name). */
const PICKER_LIMIT = 200;
const NO_ACTIONS: HsWorkflowConsole = {
  actions: () => [],
  fieldOptions: async () => undefined,
  start: async () => ({ ok: false, status: 404, category: "OBJECT_NOT_FOUND", message: "No actions." }),
  runs: () => [],
  run: () => undefined,
};

function recordChoices(portal: Portal, action: HsWorkflowAction, locale: Locale) {
  const t = consoleStrings(locale);
  return action.objectTypes.flatMap((upper) => {
    const type = objectType(upper);
    if (!type) return [];
    const choices = [...portal.table(type.name).all()]
      .map((r) => ({
        value: `${type.upper}:${r.id}`,
        label: `${recordTitle(type.name, r.properties) ?? r.id} (${r.id})`,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, locale))
      .slice(0, PICKER_LIMIT);
    return [{ type: type.upper, typeLabel: t.nav[type.name] ?? type.upper, choices }];
  });
}

/** The name of the record a run ran on (its type and id once the record is gone). */
function runRecordLabel(portal: Portal, upper: string, id: string): string {
  const type = objectType(upper);
  const record = type ? portal.record(type.name, id) : undefined;
  return (type && record && recordTitle(type.name, record.properties)) || `${upper} ${id}`;
}

/** `/workflows/{portalId}`: run the apps' custom workflow actions on a record and follow the executions. */
export function workflowRoutes(world: World, options: ConsoleOptions): Hono {
  const app = new Hono({ strict: false });
  const source = () => options.workflows?.() ?? NO_ACTIONS;

  interface Found {
    ctx: PageContext;
    portal: Portal;
  }
  /** The page's context and portal, or the 404 page naming the unknown portal. */
  const withPortal = (c: Context, then: (found: Found) => Response | Promise<Response>) => {
    const ctx = pageContext(c, options);
    const raw = c.req.param("portalId") ?? "";
    const portal = portalOf(world, raw);
    if (portal) return then({ ctx, portal });
    const t = consoleStrings(ctx.locale);
    return c.html(<ErrorPage ctx={ctx} title={t.notFoundTitle} message={t.unknownPortal(raw)} />, 404);
  };

  const labelOf = (actions: HsWorkflowAction[], appId: number, actionId: string, locale: Locale) => {
    const action = actions.find((a) => a.appId === appId && a.actionId === actionId);
    return action ? actionName(action, locale) : `Action ${actionId}`;
  };

  const recordHref = (portalId: number, upper: string, id: string, lang: string | undefined) => {
    const type = objectType(upper);
    return type ? withLang(consolePaths.record(portalId, type.typeId, id), lang) : undefined;
  };

  /** The workflows page; after a refused run, again with the reason and the form as it was. */
  const render = async (
    c: Context,
    found: Found,
    refused?: { status: 400 | 404; message: string; previous: Record<string, string> },
  ) => {
    const { portal } = found;
    // A refused POST shows the page again; its language link goes to the page, not the POST.
    const ctx = refused
      ? {
          ...found.ctx,
          otherLanguageHref: withLang(
            consolePaths.workflows(portal.id),
            found.ctx.locale === "ja" ? "en" : "ja",
          ),
        }
      : found.ctx;
    const actions = source().actions();
    const forms: ActionForm[] = await Promise.all(
      actions.map(async (action) => ({
        action,
        records: recordChoices(portal, action, ctx.locale),
        fetchedOptions: Object.fromEntries(
          await Promise.all(
            action.inputFields
              .filter((f) => f.fetchesOptions)
              .map(async (f) => [
                f.name,
                await source().fieldOptions(portal.id, action.appId, action.actionId, f.name),
              ]),
          ),
        ),
      })),
    );
    const runs = source()
      .runs(portal.id)
      .map((run) => ({
        run,
        href: withLang(consolePaths.run(portal.id, run.callbackId), ctx.lang),
        recordHref: recordHref(portal.id, run.objectType, run.objectId, ctx.lang),
        recordLabel: runRecordLabel(portal, run.objectType, run.objectId),
        actionLabel: labelOf(actions, run.appId, run.actionId, ctx.locale),
      }));
    return c.html(
      <WorkflowsPage
        ctx={ctx}
        portalId={portal.id}
        runPath={withLang(`${consolePaths.workflows(portal.id)}/run`, ctx.lang)}
        forms={forms}
        runs={runs}
        refused={refused?.message}
        previous={refused?.previous}
      />,
      refused?.status ?? 200,
    );
  };

  app.get("/workflows/:portalId", (c) => withPortal(c, (found) => render(c, found)));

  app.post("/workflows/:portalId/run", (c) =>
    withPortal(c, async (found) => {
      const form = await c.req.parseBody();
      const fields = Object.fromEntries(
        Object.entries(form).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
      );
      const [objectTypeName = "", objectId = ""] = (fields.record ?? "").split(":");
      const inputFields = Object.fromEntries(
        Object.entries(fields)
          .filter(([k, v]) => k.startsWith("input.") && v !== "")
          .map(([k, v]) => [k.slice("input.".length), v]),
      );
      const appId = Number(fields.appId);
      const t = consoleStrings(found.ctx.locale);
      const refuse = (status: 400 | 404, message: string) =>
        render(c, found, { status, message, previous: fields });
      if (!Number.isInteger(appId) || appId <= 0 || !/^\d+$/.test(fields.actionId ?? ""))
        return refuse(400, t.badAction);
      if (!/^\d+$/.test(objectId)) return refuse(400, t.chooseRecordFirst);
      const action = source()
        .actions()
        .find((a) => a.appId === appId && a.actionId === fields.actionId);
      const missing = (action?.inputFields ?? [])
        .filter((f) => f.isRequired && !inputFields[f.name])
        .map((f) => fieldLabel(f, found.ctx.locale));
      if (missing.length > 0) return refuse(400, t.missingFields(missing));
      const started = await source().start({
        portalId: found.portal.id,
        appId,
        actionId: fields.actionId!,
        objectId,
        objectType: objectTypeName,
        inputFields,
      });
      if (!started.ok) return refuse(started.status, started.message);
      return c.redirect(
        withLang(consolePaths.run(found.portal.id, started.run.callbackId), found.ctx.lang),
        303,
      );
    }),
  );

  app.get("/workflows/:portalId/executions/:callbackId", (c) =>
    withPortal(c, ({ ctx, portal }) => {
      const t = consoleStrings(ctx.locale);
      const callbackId = c.req.param("callbackId");
      const run = source().run(callbackId);
      if (!run || run.portalId !== portal.id)
        return c.html(
          <ErrorPage
            ctx={ctx}
            portalId={portal.id}
            title={t.notFoundTitle}
            message={t.unknownRun(callbackId)}
          />,
          404,
        );
      const type = objectType(run.objectType);
      const record = type ? portal.record(type.name, run.objectId) : undefined;
      return c.html(
        <RunPage
          ctx={ctx}
          portalId={portal.id}
          run={run}
          actionLabel={labelOf(source().actions(), run.appId, run.actionId, ctx.locale)}
          recordHref={recordHref(portal.id, run.objectType, run.objectId, ctx.lang)}
          recordTitle={type && record ? recordTitle(type.name, record.properties) : undefined}
          selfHref={withLang(consolePaths.run(portal.id, run.callbackId), ctx.lang)}
          workflowsHref={withLang(consolePaths.workflows(portal.id), ctx.lang)}
        />,
      );
    }),
  );

  return app;
}
