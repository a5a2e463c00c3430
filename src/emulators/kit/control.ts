import { Hono } from "hono";
import { z } from "zod";
import { ClockMoveRefused, type EmulatorClock } from "./clock.ts";
import { faultRuleSchema, type FaultInjector } from "./faults.ts";
import type { SlidingWindowLimiter } from "./rate-limit.ts";
import type { RequestLog } from "./request-log.ts";
import type { WebhookDispatcher } from "./webhooks.ts";

export interface KitParts {
  clock: EmulatorClock;
  faults: FaultInjector;
  limiter: SlidingWindowLimiter;
  requests: RequestLog;
  webhooks: WebhookDispatcher;
}

const clockBody = z.union([
  z.object({ now: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ advanceSeconds: z.number().finite() }).strict(),
]);

/** Parses a JSON body with a schema; the error names what is wrong, in the control API's format. */
export async function parseControlBody<T>(
  req: Request,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    const text = await req.text();
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: Response.json({ error: "Body must be JSON" }, { status: 400 }) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    return { ok: false, response: Response.json({ error: "Invalid body", issues }, { status: 400 }) };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The control routes both emulators share (`/__emulator/...`). Each emulator adds its own
 * (reset, companies or portals, tokens, apps) beside these. Tests outside this repository
 * drive these exact paths, so they are a public contract.
 */
export function sharedControlRoutes(parts: KitParts): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: "ok" }));

  app.get("/clock", (c) => c.json({ now: parts.clock.now().toISOString(), frozen: parts.clock.frozen }));
  app.post("/clock", async (c) => {
    const body = await parseControlBody(c.req.raw, clockBody);
    if (!body.ok) return body.response;
    try {
      if ("now" in body.value) parts.clock.set(new Date(body.value.now));
      else parts.clock.advance(body.value.advanceSeconds * 1000);
    } catch (error) {
      // A forward-only clock (the demo's) refuses to go back; nothing moved.
      if (error instanceof ClockMoveRefused) return c.json({ error: error.message }, 409);
      throw error;
    }
    return c.json({ now: parts.clock.now().toISOString() });
  });

  app.get("/faults", (c) => c.json({ faults: parts.faults.list() }));
  app.post("/faults", async (c) => {
    const body = await parseControlBody(c.req.raw, faultRuleSchema);
    if (!body.ok) return body.response;
    parts.faults.add(body.value);
    return c.json({ faults: parts.faults.list() }, 201);
  });
  app.delete("/faults", (c) => {
    parts.faults.clear();
    return c.json({ faults: [] });
  });

  app.post("/rate-limits", async (c) => {
    const body = await parseControlBody(c.req.raw, z.object({ enabled: z.boolean() }).strict());
    if (!body.ok) return body.response;
    parts.limiter.enabled = body.value.enabled;
    parts.limiter.reset();
    return c.json({ enabled: parts.limiter.enabled });
  });
  app.get("/rate-limits", (c) => c.json({ enabled: parts.limiter.enabled }));

  app.get("/requests", (c) => c.json({ requests: parts.requests.list() }));
  app.delete("/requests", (c) => {
    parts.requests.clear();
    return c.json({ requests: [] });
  });

  app.get("/webhooks", (c) => c.json({ enabled: parts.webhooks.enabled, deliveries: parts.webhooks.list() }));
  app.post("/webhooks/flush", async (c) => c.json({ attempted: (await parts.webhooks.flush()).length }));
  app.post("/webhooks/delivery", async (c) => {
    const body = await parseControlBody(c.req.raw, z.object({ enabled: z.boolean() }).strict());
    if (!body.ok) return body.response;
    parts.webhooks.enabled = body.value.enabled;
    return c.json({ enabled: parts.webhooks.enabled });
  });
  return app;
}
