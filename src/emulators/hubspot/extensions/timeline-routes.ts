import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { HubSpotCore } from "../contract.ts";
import { checkAccessToken, type AccessTokenCheck, type TokenOwner } from "./access-token.ts";
import { developerApp, isHttpUrl, readJson } from "./http.ts";
import { renderTemplate } from "./timeline-render.ts";
import {
  TEMPLATE_OBJECT_TYPES,
  TOKEN_TYPES,
  type EventTemplate,
  type TemplateToken,
  type TimelineEvent,
  type TimelineStore,
} from "./timeline-store.ts";

/**
 * HubSpot's timeline API v3 (docs/vendors/hubspot.md §15). Templates and their tokens are the
 * app's, managed with the developer API key (`?hapikey=`); events are written into a portal with
 * an OAuth access token that has the `timeline` scope, and only from the token's app's templates.
 */
const BASE = "/integrators/timeline/v3";

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
const iframe = z.object({
  linkLabel: z.string().min(1),
  headerLabel: z.string().min(1),
  url: z.string().refine(isHttpUrl, "must be an http(s) URL"),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
const eventInput = z.object({
  eventTemplateId: z.string().min(1),
  id: z.string().min(1).max(255).optional(),
  objectId: z.string().regex(/^\d+$/, "must be a record id").optional(),
  email: z.string().email().optional(),
  utk: z.string().optional(),
  domain: z.string().optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  tokens: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  extraData: z.unknown().optional(),
  timelineIFrame: iframe.optional(),
});
type EventInput = z.infer<typeof eventInput>;

type Problem = { status: number; category: string; message: string; errors?: Array<{ message: string }> };

export function timelineRoutes(core: HubSpotCore & AccessTokenCheck, store: TimelineStore): Hono {
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

  app.get(`${BASE}/:appId/event-templates`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    return c.json({ results: store.templatesOf(appId).map(templateJson) });
  });

  app.post(`${BASE}/:appId/event-templates`, async (c) => {
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

  app.get(`${BASE}/:appId/event-templates/:templateId`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const template = store.template(appId, c.req.param("templateId"));
    return template ? c.json(templateJson(template)) : noTemplate(c.req.param("templateId"));
  });

  app.put(`${BASE}/:appId/event-templates/:templateId`, async (c) => {
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

  app.delete(`${BASE}/:appId/event-templates/:templateId`, (c) => {
    const appId = withApp(c);
    if (appId instanceof Response) return appId;
    const gone = store.deleteTemplate(appId, c.req.param("templateId"));
    return gone ? c.body(null, 204) : noTemplate(c.req.param("templateId"));
  });

  app.post(`${BASE}/:appId/event-templates/:templateId/tokens`, async (c) => {
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

  app.put(`${BASE}/:appId/event-templates/:templateId/tokens/:tokenName`, async (c) => {
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

  app.delete(`${BASE}/:appId/event-templates/:templateId/tokens/:tokenName`, (c) => {
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

  // --- Events (OAuth, scope `timeline`) ---

  const owner = (c: Context): TokenOwner | Response => {
    const who = checkAccessToken(core, c.req.raw);
    if (who instanceof Response) return who;
    if (!who) return core.errorResponse(401, "INVALID_AUTHENTICATION", "An OAuth access token is required.");
    if (!who.scopes.includes("timeline"))
      return core.errorResponse(
        403,
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        {
          errors: [
            {
              message: "One or more of the following scopes are required.",
              context: { requiredGranularScopes: ["timeline"] },
            },
          ],
        },
      );
    return who;
  };

  /** Checks one event against its template and the portal; the stored event, or what is wrong. */
  const build = (who: TokenOwner, input: EventInput): TimelineEvent | Problem => {
    const template = store.template(who.appId, input.eventTemplateId);
    if (!template)
      return {
        status: 404,
        category: "OBJECT_NOT_FOUND",
        message: `Event template ${input.eventTemplateId} does not exist for this app.`,
      };
    const tokens: Record<string, string> = {};
    const errors: Array<{ message: string }> = [];
    for (const [name, value] of Object.entries(input.tokens)) {
      const token = template.tokens.find((t) => t.name === name);
      const text = String(value);
      if (!token) errors.push({ message: `Token ${name} is not defined on event template ${template.id}.` });
      else if (token.type === "number" && !Number.isFinite(Number(text)))
        errors.push({ message: `Token ${name} must be a number; got "${text}".` });
      else if (token.type === "date" && !isTimelineDate(text))
        errors.push({
          message: `Token ${name} must be a date (milliseconds since epoch or ISO-8601); got "${text}".`,
        });
      else if (token.type === "enumeration" && !token.options.some((o) => o.value === text))
        errors.push({
          message: `Token ${name} must be one of ${token.options.map((o) => o.value).join(", ")}; got "${text}".`,
        });
      else tokens[name] = text;
    }
    if (errors.length > 0)
      return {
        status: 400,
        category: "VALIDATION_ERROR",
        message: errors.map((e) => e.message).join(" "),
        errors,
      };
    let objectId = input.objectId;
    if (!objectId && input.email && template.objectType === "contacts")
      objectId = core.findContactByEmail?.(who.portalId, input.email);
    if (!objectId)
      return validation(
        template.objectType === "contacts"
          ? "An event needs an objectId, or the email of an existing contact."
          : "An event needs the objectId of the record it belongs to.",
      );
    const record = core.getRecord(who.portalId, template.objectType, objectId);
    if (!record || record.archived)
      return {
        status: 404,
        category: "OBJECT_NOT_FOUND",
        message: `No ${template.objectType} record ${objectId} in portal ${who.portalId}.`,
      };
    const at = now();
    return {
      id: input.id ?? randomUUID(),
      appId: who.appId,
      portalId: who.portalId,
      eventTemplateId: template.id,
      objectType: template.objectType,
      objectId,
      ...(input.email ? { email: input.email } : {}),
      ...(input.utk ? { utk: input.utk } : {}),
      ...(input.domain ? { domain: input.domain } : {}),
      tokens,
      ...(input.extraData !== undefined ? { extraData: input.extraData } : {}),
      ...(input.timelineIFrame ? { timelineIFrame: input.timelineIFrame } : {}),
      timestamp: input.timestamp ? new Date(input.timestamp).toISOString() : at,
      createdAt: at,
    };
  };
  /** Stores an event, or the 409 HubSpot answers for an id already used on the template. */
  const add = (who: TokenOwner, input: EventInput): TimelineEvent | Problem => {
    const event = build(who, input);
    if (!("appId" in event)) return event;
    if (!store.addEvent(event))
      return {
        status: 409,
        category: "CONFLICT",
        message: `An event with id ${event.id} already exists for event template ${event.eventTemplateId}.`,
      };
    return event;
  };

  app.post(`${BASE}/events`, async (c) => {
    const who = owner(c);
    if (who instanceof Response) return who;
    const body = await readJson(core, c.req.raw, eventInput);
    if (!body.ok) return body.response;
    const result = add(who, body.value);
    return "appId" in result ? c.json(eventJson(result), 201) : fail(result);
  });

  app.post(`${BASE}/events/batch/create`, async (c) => {
    const who = owner(c);
    if (who instanceof Response) return who;
    const body = await readJson(core, c.req.raw, z.object({ inputs: z.array(eventInput).min(1).max(500) }));
    if (!body.ok) return body.response;
    const startedAt = now();
    const outcomes = body.value.inputs.map((input) => add(who, input));
    const results = outcomes.filter((o): o is TimelineEvent => "appId" in o).map(eventJson);
    const errors = outcomes
      .filter((o): o is Problem => !("appId" in o))
      .map((p) => ({ status: "error", category: p.category, message: p.message, errors: p.errors ?? [] }));
    const envelope = { status: "COMPLETE", results, startedAt, completedAt: now() };
    if (errors.length === 0) return c.json(envelope, 201);
    return c.json({ ...envelope, numErrors: errors.length, errors }, 207);
  });

  const found = (c: Context) => {
    const who = owner(c);
    if (who instanceof Response) return who;
    const event = store.event(who.appId, c.req.param("templateId")!, c.req.param("eventId")!);
    if (!event)
      return core.errorResponse(
        404,
        "OBJECT_NOT_FOUND",
        `Event ${c.req.param("eventId")} does not exist for event template ${c.req.param("templateId")}.`,
      );
    return event;
  };

  app.get(`${BASE}/events/:templateId/:eventId`, (c) => {
    const event = found(c);
    return event instanceof Response ? event : c.json(eventJson(event));
  });

  app.get(`${BASE}/events/:templateId/:eventId/detail`, (c) => {
    const event = found(c);
    if (event instanceof Response) return event;
    return c.json({
      details: renderTemplate(store.templateById(event.eventTemplateId)?.detailTemplate, event),
    });
  });

  app.get(`${BASE}/events/:templateId/:eventId/render`, (c) => {
    const event = found(c);
    if (event instanceof Response) return event;
    const template = store.templateById(event.eventTemplateId);
    const detail = c.req.query("detail") === "true";
    return c.html(renderTemplate(detail ? template?.detailTemplate : template?.headerTemplate, event));
  });

  return app;
}

function validation(message: string): Problem {
  return { status: 400, category: "VALIDATION_ERROR", message, errors: [{ message }] };
}

/** HubSpot's date tokens take milliseconds since the epoch; an ISO date is accepted too. */
function isTimelineDate(text: string): boolean {
  if (/^\d{10,13}$/.test(text)) return true;
  return /^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(Date.parse(text));
}

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

export function eventJson(e: TimelineEvent) {
  return {
    objectType: e.objectType,
    id: e.id,
    eventTemplateId: e.eventTemplateId,
    objectId: e.objectId,
    ...(e.email ? { email: e.email } : {}),
    ...(e.utk ? { utk: e.utk } : {}),
    ...(e.domain ? { domain: e.domain } : {}),
    timestamp: e.timestamp,
    tokens: e.tokens,
    ...(e.extraData !== undefined ? { extraData: e.extraData } : {}),
    ...(e.timelineIFrame ? { timelineIFrame: e.timelineIFrame } : {}),
    createdAt: e.createdAt,
  };
}
