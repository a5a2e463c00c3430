import { expect } from "vitest";
import { createEmulatorClock, type EmulatorClock } from "../../kit/index.ts";
import { createQboEmulator, type QboEmulator } from "../app.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface ConsoleHarness {
  emulator: QboEmulator;
  clock: EmulatorClock;
  realm: string;
  /** The Accounting API as a connected app calls it (bearer token), answering JSON. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** The entity as `GET /v3/company/{realm}/{entity}/{id}` reads it. */
  read(entity: string, id: string): Promise<Json>;
  query(sql: string): Promise<Json[]>;
  /** Posts a console form as a browser does; no redirect is followed. */
  submit(path: string, fields: Record<string, string>, lang?: "en" | "ja"): Promise<Response>;
  page(path: string, init?: RequestInit): Promise<{ status: number; html: string }>;
  /** Moves the clock on a minute and returns that instant, for `changedSince`. */
  tick(): string;
  /** The entity changes the webhook deliveries made since the last call carry (name, id, operation). */
  newEvents(): Promise<string[]>;
  cdc(entities: string, since: string): Promise<Json>;
  /** What the API shows of the company, to prove a refused form changed nothing. */
  snapshot(): Promise<string>;
}

/**
 * One emulator in-process (app.request, no port), a US company, and an app connected to it with a
 * webhook URL, so every change the console makes is seen as a connected app sees it: through the
 * API, the CDC endpoint and webhook notifications.
 */
export async function startConsoleHarness(
  company: Json = { name: "Console Co", country: "US" },
): Promise<ConsoleHarness> {
  const clock = createEmulatorClock({ start: "2026-05-04T17:00:00Z", frozen: true });
  const emulator = createQboEmulator({ clock, rateLimits: false });
  const control = async (path: string, body: unknown) => {
    const res = await emulator.app.request(`/__emulator${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Json;
  };
  await control("/apps", {
    clientId: "console-test",
    clientSecret: "console-secret",
    redirectUris: [],
    webhookUrl: "http://hooks.test/qbo",
    verifierToken: "verifier",
  });
  const { realmId: realm } = await control("/companies", company);
  const token = await control("/tokens", { realmId: realm, clientId: "console-test" });
  const api: ConsoleHarness["api"] = async (method, path, body) => {
    const res = await emulator.app.request(`/v3/company/${realm}${path}`, {
      method,
      headers: { authorization: `Bearer ${String(token.access_token)}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const query = async (sql: string) => {
    const res = await api("GET", `/query?query=${encodeURIComponent(sql)}`);
    const rows = Object.values(res.body.QueryResponse as Json).find(Array.isArray);
    return (rows ?? []) as Json[];
  };
  let seen = 0;
  return {
    emulator,
    clock,
    realm,
    api,
    query,
    async read(entity, id) {
      const res = await api("GET", `/${entity.toLowerCase()}/${id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body[entity] as Json;
    },
    submit: async (path, fields, lang = "en") =>
      emulator.app.request(`${path}?lang=${lang}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      }),
    async page(path, init) {
      const res = await emulator.app.request(path, init);
      return { status: res.status, html: await res.text() };
    },
    tick() {
      clock.advance(60_000);
      return clock.now().toISOString();
    },
    async newEvents() {
      const deliveries = emulator.world.webhooks.list().slice(seen);
      seen += deliveries.length;
      return deliveries.flatMap((d) =>
        (JSON.parse(d.body) as Json).eventNotifications.flatMap((n: Json) =>
          (n.dataChangeEvent.entities as Json[]).map((e) => `${e.name} ${e.id} ${e.operation}`),
        ),
      );
    },
    async cdc(entities, since) {
      const res = await api("GET", `/cdc?entities=${entities}&changedSince=${encodeURIComponent(since)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return Object.assign({}, ...(res.body.CDCResponse[0].QueryResponse as Json[])) as Json;
    },
    async snapshot() {
      const tables = await Promise.all(
        ["Invoice", "Payment", "Customer", "Estimate"].map((e) => query(`SELECT * FROM ${e}`)),
      );
      const preferences = (await api("GET", "/preferences")).body.Preferences;
      return JSON.stringify([tables, preferences, emulator.world.webhooks.list().length]);
    },
  };
}

/** The refusal a console page shows (role="alert"), tags stripped. */
export function alertOf(html: string): string | undefined {
  const text = /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "");
  return text
    ?.replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Where a console action redirected to (POST-redirect-GET), checked to be a 303. */
export function redirectOf(res: Response): URL {
  expect(res.status, `answered ${res.status}`).toBe(303);
  return new URL(res.headers.get("location") ?? "", "http://qbo.test");
}
