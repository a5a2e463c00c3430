import { Hono, type Context } from "hono";
import { z } from "zod";
import type { DeliveryHooks, WebhookDelivery } from "../../kit/index.ts";
import type { HsChange, HubSpotCore } from "../contract.ts";
import { signatureHeaders } from "./signatures.ts";

const OBJECTS: Record<string, string> = {
  contacts: "contact",
  companies: "company",
  deals: "deal",
  products: "product",
  line_items: "line_item",
};
const KINDS = ["creation", "deletion", "propertyChange", "associationChange"] as const;
const EVENT_TYPES = new Set(
  Object.values(OBJECTS).flatMap((o) =>
    KINDS.filter((k) => k !== "associationChange" || o !== "product").map((k) => `${o}.${k}`),
  ),
);

const settingsBody = z
  .object({
    targetUrl: z.url(),
    throttling: z
      .object({
        maxConcurrentRequests: z.number().int().min(1).max(100),
        period: z.enum(["SECONDLY", "ROLLING_MINUTE"]).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const subscriptionBody = z
  .object({
    eventType: z.string(),
    propertyName: z.string().min(1).optional(),
    active: z.boolean().optional(),
  })
  .strict();
const patchBody = z.object({ active: z.boolean() }).strict();
const batchBody = z
  .object({ inputs: z.array(z.object({ id: z.number().int(), active: z.boolean() }).strict()).max(100) })
  .strict();

/** What a saved delivery keeps so it can be signed and renumbered after a restart. */
interface DeliveryMeta {
  appId: number;
  url: string;
  events: Array<Record<string, unknown>>;
}

interface Settings {
  targetUrl: string;
  throttling: { maxConcurrentRequests: number; period?: string };
  createdAt: string;
  updatedAt: string;
}

interface Subscription {
  id: number;
  eventType: string;
  propertyName?: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookState {
  settings: Record<string, Settings>;
  subscriptions: Record<string, Subscription[]>;
  nextSubscriptionId: number;
  nextEventId: number;
}

const emptyState = (): WebhookState => ({
  settings: {},
  subscriptions: {},
  nextSubscriptionId: 1,
  nextEventId: 1,
});

/** The event JSON HubSpot posts for one change and one subscription (docs/vendors/hubspot.md §7). */
function eventFor(
  change: HsChange,
  sub: Subscription,
  appId: number,
  eventId: number,
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    eventId,
    subscriptionId: sub.id,
    portalId: change.portalId,
    appId,
    occurredAt: change.occurredAt.getTime(),
    subscriptionType: sub.eventType,
    attemptNumber: 0,
    changeSource: change.changeSource,
  };
  if (change.sourceAppId !== undefined) event.sourceId = String(change.sourceAppId);
  if (change.kind === "associationChange" && change.association) {
    const a = change.association;
    const from = OBJECTS[change.objectType] ?? change.objectType;
    const to = OBJECTS[a.toObjectType] ?? a.toObjectType;
    return {
      ...event,
      associationType: `${from}_TO_${to}`.toUpperCase(),
      associationTypeId: a.associationTypeId,
      fromObjectId: Number(change.objectId),
      toObjectId: Number(a.toObjectId),
      associationRemoved: a.removed,
      isPrimaryAssociation: false,
    };
  }
  event.objectId = Number(change.objectId);
  if (change.kind === "creation") event.changeFlag = "CREATED";
  if (change.kind === "deletion") event.changeFlag = "DELETED";
  if (change.kind === "propertyChange") {
    event.propertyName = change.propertyName;
    event.propertyValue = change.propertyValue ?? "";
  }
  return event;
}

/**
 * Webhooks v3: the developer API for settings and subscriptions, and delivery of every committed
 * change to each app's target URL in batches of at most 100 events, signed with the app's client
 * secret. Changes made in one request are batched together; retries are the dispatcher's.
 */
export function webhooksExtension(core: HubSpotCore) {
  let state = emptyState();
  let pending: Array<{ appId: number; event: Record<string, unknown> }> = [];
  let scheduled = false;

  const deliver = () => {
    scheduled = false;
    // One app's events of one portal share a POST (at most 100 events each), so a receiver can
    // hand a batch to one connection; HubSpot itself may also mix portals (docs/vendors/hubspot.md §7).
    const groups = new Map<string, { appId: number; events: Array<Record<string, unknown>> }>();
    for (const { appId, event } of pending) {
      const key = `${appId}:${String(event.portalId)}`;
      const group = groups.get(key) ?? { appId, events: [] };
      group.events.push(event);
      groups.set(key, group);
    }
    pending = [];
    for (const { appId, events } of groups.values()) {
      const app = core.appById(appId);
      const settings = state.settings[String(appId)];
      if (!app || !settings) continue;
      const url = new URL(settings.targetUrl).href;
      for (let i = 0; i < events.length; i += 100) {
        const meta: DeliveryMeta = { appId, url, events: events.slice(i, i + 100) };
        const hooks = deliveryHooks(meta)!;
        core.webhooks.enqueue(url, hooks.render!(0), hooks.sign, { render: hooks.render, meta });
      }
    }
  };

  /** Signs (with the app's current secret) and numbers the attempts of one delivery; also after a restart. */
  const deliveryHooks = (meta: DeliveryMeta): DeliveryHooks | undefined => {
    const app = core.appById(meta.appId);
    if (!app) return undefined;
    return {
      // Each retry carries its attempt number, as HubSpot's payload does (0 on the first try).
      render: (attempt) => JSON.stringify(meta.events.map((e) => ({ ...e, attemptNumber: attempt }))),
      // Signed over the URL exactly as it is requested (`http://host` is requested as `http://host/`).
      sign: (raw, now) =>
        signatureHeaders({
          clientSecret: app.clientSecret,
          method: "POST",
          url: meta.url,
          body: raw,
          now,
          legacy: "v1",
        }),
    };
  };

  core.onChange((change) => {
    const object = OBJECTS[change.objectType];
    if (!object) return;
    const eventType = `${object}.${change.kind}`;
    for (const [appId, subs] of Object.entries(state.subscriptions)) {
      if (!state.settings[appId]) continue;
      for (const sub of subs) {
        if (!sub.active || sub.eventType !== eventType) continue;
        if (change.kind === "propertyChange" && sub.propertyName !== change.propertyName) continue;
        pending.push({
          appId: Number(appId),
          event: eventFor(change, sub, Number(appId), state.nextEventId++),
        });
      }
    }
    if (pending.length > 0 && !scheduled) {
      scheduled = true;
      // Everything one request changes is committed synchronously: batch it into one delivery.
      queueMicrotask(deliver);
    }
  });

  const routes = new Hono();
  const guard = (c: Context): { appId: number } | Response => {
    const appId = Number(c.req.param("appId"));
    if (!Number.isInteger(appId))
      return core.errorResponse(400, "VALIDATION_ERROR", "appId must be a number");
    return core.authenticateDeveloper(c.req.raw, appId) ?? { appId };
  };
  const body = async <T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return core.errorResponse(400, "VALIDATION_ERROR", "Invalid input JSON on line 1");
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    return core.errorResponse(
      400,
      "VALIDATION_ERROR",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  };
  const now = () => core.clock.now().toISOString();

  routes.get("/webhooks/v3/:appId/settings", (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const settings = state.settings[String(g.appId)];
    return settings
      ? c.json(settings)
      : core.errorResponse(404, "OBJECT_NOT_FOUND", "No settings found for this app");
  });
  routes.put("/webhooks/v3/:appId/settings", async (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const b = await body(c, settingsBody);
    if (b instanceof Response) return b;
    const before = state.settings[String(g.appId)];
    const settings: Settings = {
      targetUrl: b.targetUrl,
      throttling: b.throttling ?? before?.throttling ?? { maxConcurrentRequests: 10 },
      createdAt: before?.createdAt ?? now(),
      updatedAt: now(),
    };
    state.settings[String(g.appId)] = settings;
    return c.json(settings);
  });
  routes.delete("/webhooks/v3/:appId/settings", (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    delete state.settings[String(g.appId)];
    return c.body(null, 204);
  });

  const subsOf = (appId: number) => (state.subscriptions[String(appId)] ??= []);
  routes.get("/webhooks/v3/:appId/subscriptions", (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    return c.json({ results: subsOf(g.appId) });
  });
  routes.post("/webhooks/v3/:appId/subscriptions/batch/update", async (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const b = await body(c, batchBody);
    if (b instanceof Response) return b;
    const subs = subsOf(g.appId);
    const missing = b.inputs.filter((i) => !subs.some((s) => s.id === i.id));
    if (missing.length > 0) {
      return core.errorResponse(
        404,
        "OBJECT_NOT_FOUND",
        `Subscriptions not found: ${missing.map((m) => m.id).join(", ")}`,
      );
    }
    const results = b.inputs.map((i) => {
      const sub = subs.find((s) => s.id === i.id)!;
      Object.assign(sub, { active: i.active, updatedAt: now() });
      return sub;
    });
    return c.json({ status: "COMPLETE", results, startedAt: now(), completedAt: now() });
  });
  routes.post("/webhooks/v3/:appId/subscriptions", async (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const b = await body(c, subscriptionBody);
    if (b instanceof Response) return b;
    if (!EVENT_TYPES.has(b.eventType))
      return core.errorResponse(400, "VALIDATION_ERROR", `Unknown eventType ${b.eventType}`);
    if (b.eventType.endsWith(".propertyChange") !== (b.propertyName !== undefined)) {
      return core.errorResponse(
        400,
        "VALIDATION_ERROR",
        "propertyName is required for propertyChange subscriptions, and only for them",
      );
    }
    const subs = subsOf(g.appId);
    if (subs.length >= 1000)
      return core.errorResponse(400, "VALIDATION_ERROR", "An app can have at most 1000 subscriptions");
    const sub: Subscription = {
      id: state.nextSubscriptionId++,
      eventType: b.eventType,
      ...(b.propertyName ? { propertyName: b.propertyName } : {}),
      active: b.active ?? true,
      createdAt: now(),
      updatedAt: now(),
    };
    subs.push(sub);
    return c.json(sub, 201);
  });
  const one = (c: Context, appId: number) => subsOf(appId).find((s) => s.id === Number(c.req.param("id")));
  routes.get("/webhooks/v3/:appId/subscriptions/:id", (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const sub = one(c, g.appId);
    return sub ? c.json(sub) : core.errorResponse(404, "OBJECT_NOT_FOUND", "Subscription not found");
  });
  routes.patch("/webhooks/v3/:appId/subscriptions/:id", async (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const sub = one(c, g.appId);
    if (!sub) return core.errorResponse(404, "OBJECT_NOT_FOUND", "Subscription not found");
    const b = await body(c, patchBody);
    if (b instanceof Response) return b;
    Object.assign(sub, { active: b.active, updatedAt: now() });
    return c.json(sub);
  });
  routes.delete("/webhooks/v3/:appId/subscriptions/:id", (c) => {
    const g = guard(c);
    if (g instanceof Response) return g;
    const subs = subsOf(g.appId);
    const sub = one(c, g.appId);
    if (!sub) return core.errorResponse(404, "OBJECT_NOT_FOUND", "Subscription not found");
    subs.splice(subs.indexOf(sub), 1);
    return c.body(null, 204);
  });

  return {
    routes,
    snapshot: (): WebhookState => state,
    /** Rebuilds a saved delivery's signer and renderer (the state file cannot hold functions). */
    rebuildDelivery: (delivery: WebhookDelivery) => deliveryHooks(delivery.meta as DeliveryMeta),
    restore: (saved: unknown) => {
      state = { ...emptyState(), ...(saved as Partial<WebhookState>) };
    },
    reset: () => {
      state = emptyState();
      pending = [];
    },
  };
}
