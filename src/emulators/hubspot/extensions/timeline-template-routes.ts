import { Hono, type Context } from "hono";
import { z } from "zod";
import type { HubSpotCore } from "../contract.ts";
import { developerApp, readJson } from "./http.ts";
import {
  TEMPLATE_OBJECT_TYPES,
  TOKEN_TYPES,
  type EventTemplate,
  type TemplateToken,
  type TimelineStore,
} from "./timeline-store.ts";

/**
 * HubSpot's timeline API v3, the app's side (docs/vendors/hubspot.md §15): event templates and
 * their tokens, managed with the developer API key (`?hapikey=`). Events are in
 * timeline-event-routes.ts.
 */
export const TIMELINE_BASE = "/integrators/timeline/v3";

const option = z.object({ label: z.string().min(1), value: z.string().min(1) });
const tokenInput = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "token names use letters, digits, _ and -")
    .refine((n) => !RESERVED.has(n), "this name is reserved by HubSpot's event fields"),
  label: z.string().min(1),
  type: z.enum(TOKEN_TYPES),
  options: z.array(option).optional(),
  objectPropertyName: z.string().min(1).optional(),
});
/** Names the renderer already gives meaning to: a token may not shadow them. */
const RESERVED = new Set(["id", "objectId", "email", "utk", "timestamp", "extraData", "domain"]);
const templateInput = z.object({
  name: z.string().min(1),
  objectType: z.string().min(1),
  headerTemplate: z.string().optional(),
  detailTemplate: z.string().optional(),
  tokens: z.array(tokenInput),
});
const templateUpdate = templateInput.omit({ objectType: true }).extend({ id: z.string().optional() });
const tokenUpdate = tokenInput.pick({ label: true, options: true, objectPropertyName: true });

export type Problem = {
  status: number;
  category: string;
  message: string;
  errors?: Array<{ message: string }>;
};

export function timelineTemplateRoutes(core: HubSpotCore, store: TimelineStore): Hono {
  const app = new Hono({ strict: false });
  const now = () => core.clock.now().toISOString();
  const fail = (p: Problem) =>
    core.errorResponse(p.status, p.category, p.message, p.errors ? { errors: p.errors } : {});
  const noTemplate = (id: string) =>
    core.errorResponse(404, "OBJECT_NOT_FOUND", `Event template ${id} does not exist for this app.`);

  const withApp = (c: Context) => developerApp(core, c);
  const tokensOf = (input: z.infer<typeof tokenInput>[], previous: TemplateToken[] = []): TemplateToken[] =>
    input.map((t) => {
      const before = previous.find((p) => p.name === t.name);
      return {
        name: t.name,
        label: t.label,
        type: t.type,
        options: t.options ?? [],
        ...(t.objectPropertyName ? { objectPropertyName: t.objectPropertyName } : {}),
        createdAt: before?.createdAt ?? now(),
        updatedAt: now(),
      };
    });
  const tokenProblems = (tokens: z.infer<typeof tokenInput>[]): Problem | undefined => {
    const names = tokens.map((t) => t.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) return validation(`Token ${dup} is defined more than once.`);
    const bare = tokens.find((t) => t.type === "enumeration" && !(t.options?.length ?? 0));
    if (bare) return validation(`Token ${bare.name} is an enumeration and needs options.`);
    return undefined;
  };

  app.get(`${TIMELINE_BASE}/:appId/event-templates`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    return c.json({ results: store.templatesOf(appId).map(templateJson) });
  });

  app.post(`${TIMELINE_BASE}/:appId/event-templates`, async (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const body = await readJson(core, c.req.raw, templateInput);
    if (!body.ok) return body.response;
    const objectType = body.value.objectType.toLowerCase();
    if (!(TEMPLATE_OBJECT_TYPES as readonly string[]).includes(objectType))
      return fail(
        validation(
          `objectType ${body.value.objectType} is not supported; use one of ${TEMPLATE_OBJECT_TYPES.join(", ")}.`,
        ),
      );
    const problem = tokenProblems(body.value.tokens);
    if (problem) return fail(problem);
    const template: EventTemplate = {
      id: store.newTemplateId(),
      appId,
      name: body.value.name,
      objectType,
      headerTemplate: body.value.headerTemplate,
      detailTemplate: body.value.detailTemplate,
      tokens: tokensOf(body.value.tokens),
      createdAt: now(),
      updatedAt: now(),
    };
    store.saveTemplate(template);
    return c.json(templateJson(template), 201);
  });

  app.get(`${TIMELINE_BASE}/:appId/event-templates/:templateId`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const template = store.template(appId, c.req.param("templateId"));
    return template ? c.json(templateJson(template)) : noTemplate(c.req.param("templateId"));
  });

  app.put(`${TIMELINE_BASE}/:appId/event-templates/:templateId`, async (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const template = store.template(appId, c.req.param("templateId"));
    if (!template) return noTemplate(c.req.param("templateId"));
    const body = await readJson(core, c.req.raw, templateUpdate);
    if (!body.ok) return body.response;
    const problem = tokenProblems(body.value.tokens);
    if (problem) return fail(problem);
    const updated: EventTemplate = {
      ...template,
      name: body.value.name,
      headerTemplate: body.value.headerTemplate,
      detailTemplate: body.value.detailTemplate,
      tokens: tokensOf(body.value.tokens, template.tokens),
      updatedAt: now(),
    };
    store.saveTemplate(updated);
    return c.json(templateJson(updated));
  });

  app.delete(`${TIMELINE_BASE}/:appId/event-templates/:templateId`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const gone = store.deleteTemplate(appId, c.req.param("templateId"));
    return gone ? c.body(null, 204) : noTemplate(c.req.param("templateId"));
  });

  app.post(`${TIMELINE_BASE}/:appId/event-templates/:templateId/tokens`, async (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const template = store.template(appId, c.req.param("templateId"));
    if (!template) return noTemplate(c.req.param("templateId"));
    const body = await readJson(core, c.req.raw, tokenInput);
    if (!body.ok) return body.response;
    const problem = tokenProblems([...template.tokens, body.value]);
    if (problem) return fail(problem);
    const [token] = tokensOf([body.value]);
    store.saveTemplate({ ...template, tokens: [...template.tokens, token!], updatedAt: now() });
    return c.json(token);
  });

  app.put(`${TIMELINE_BASE}/:appId/event-templates/:templateId/tokens/:tokenName`, async (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const template = store.template(appId, c.req.param("templateId"));
    if (!template) return noTemplate(c.req.param("templateId"));
    const token = template.tokens.find((t) => t.name === c.req.param("tokenName"));
    if (!token)
      return core.errorResponse(404, "OBJECT_NOT_FOUND", `Token ${c.req.param("tokenName")} does not exist.`);
    const body = await readJson(core, c.req.raw, tokenUpdate);
    if (!body.ok) return body.response;
    const updated: TemplateToken = {
      ...token,
      label: body.value.label,
      options: body.value.options ?? token.options,
      ...(body.value.objectPropertyName ? { objectPropertyName: body.value.objectPropertyName } : {}),
      updatedAt: now(),
    };
    if (updated.type === "enumeration" && updated.options.length === 0)
      return fail(validation(`Token ${token.name} is an enumeration and needs options.`));
    store.saveTemplate({
      ...template,
      tokens: template.tokens.map((t) => (t.name === token.name ? updated : t)),
      updatedAt: now(),
    });
    return c.json(updated);
  });

  app.delete(`${TIMELINE_BASE}/:appId/event-templates/:templateId/tokens/:tokenName`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const template = store.template(appId, c.req.param("templateId"));
    if (!template) return noTemplate(c.req.param("templateId"));
    const name = c.req.param("tokenName");
    if (!template.tokens.some((t) => t.name === name))
      return core.errorResponse(404, "OBJECT_NOT_FOUND", `Token ${name} does not exist.`);
    store.saveTemplate({
      ...template,
      tokens: template.tokens.filter((t) => t.name !== name),
      updatedAt: now(),
    });
    return c.body(null, 204);
  });
  return app;
}

export function validation(message: string): Problem {
  return { status: 400, category: "VALIDATION_ERROR", message, errors: [{ message }] };
}

/** HubSpot's date tokens take milliseconds since the epoch; an ISO date is accepted too. */

function templateJson(t: EventTemplate) {
  return {
    id: t.id,
    name: t.name,
    objectType: t.objectType,
    headerTemplate: t.headerTemplate,
    detailTemplate: t.detailTemplate,
    tokens: t.tokens,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
