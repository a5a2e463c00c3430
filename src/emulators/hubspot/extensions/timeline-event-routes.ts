import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { HubSpotCore } from "../contract.ts";
import { checkAccessToken, type AccessTokenCheck, type TokenOwner } from "./access-token.ts";
import { isHttpUrl, readJson } from "./http.ts";
import { renderTemplate } from "./timeline-render.ts";
import { TIMELINE_BASE, validation, type Problem } from "./timeline-template-routes.ts";
import type { TimelineEvent, TimelineStore } from "./timeline-store.ts";

/**
 * Timeline events (docs/vendors/hubspot.md §15): written into a portal with an OAuth access token
 * that has the `timeline` scope, only from the token's app's templates, each id once per template.
 */
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

export function timelineEventRoutes(core: HubSpotCore & AccessTokenCheck, store: TimelineStore): Hono {
  const app = new Hono({ strict: false });
  const now = () => core.clock.now().toISOString();
  const fail = (p: Problem) =>
    core.errorResponse(p.status, p.category, p.message, p.errors ? { errors: p.errors } : {});

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

  app.post(`${TIMELINE_BASE}/events`, async (c) => {
    const who = owner(c);
    if (who instanceof Response) return who;
    const body = await readJson(core, c.req.raw, eventInput);
    if (!body.ok) return body.response;
    const result = add(who, body.value);
    return "appId" in result ? c.json(eventJson(result), 201) : fail(result);
  });

  app.post(`${TIMELINE_BASE}/events/batch/create`, async (c) => {
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

  app.get(`${TIMELINE_BASE}/events/:templateId/:eventId`, (c) => {
    const event = found(c);
    return event instanceof Response ? event : c.json(eventJson(event));
  });

  app.get(`${TIMELINE_BASE}/events/:templateId/:eventId/detail`, (c) => {
    const event = found(c);
    if (event instanceof Response) return event;
    return c.json({
      details: renderTemplate(store.templateById(event.eventTemplateId)?.detailTemplate, event),
    });
  });

  app.get(`${TIMELINE_BASE}/events/:templateId/:eventId/render`, (c) => {
    const event = found(c);
    if (event instanceof Response) return event;
    const template = store.templateById(event.eventTemplateId);
    const detail = c.req.query("detail") === "true";
    return c.html(renderTemplate(detail ? template?.detailTemplate : template?.headerTemplate, event));
  });

  return app;
}

function isTimelineDate(text: string): boolean {
  if (/^\d{10,13}$/.test(text)) return true;
  return /^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(Date.parse(text));
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
