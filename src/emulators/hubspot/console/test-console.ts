import { createEmulatorClock } from "../../kit/index.ts";
import { createHubSpotEmulator, type HubSpotEmulator } from "../app.ts";
import { developerApiKey } from "../core.ts";

/** What the apps' endpoints are called at, in process (the emulator's `fetch` goes here, no sockets). */
export const APP_ORIGIN = "http://app.test";

export interface ConsoleFixture {
  emulator: HubSpotEmulator;
  portalId: number;
  /** A console page, optionally in a language (`?lang=` or Accept-Language). */
  page(path: string, init?: RequestInit): Promise<{ status: number; html: string; res: Response }>;
  /** A CRM API call with an all-scopes token. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  /** A developer API call (app 1's developer key). */
  dev(method: string, path: string, body?: unknown): Promise<Response>;
  /** Every request the emulator made to the apps' endpoints. */
  appCalls: Array<{ path: string; query: URLSearchParams; body: string }>;
  /** Answers for the apps' endpoints, by path (defaults to an empty JSON object). */
  answers: Map<string, (body: unknown, query: URLSearchParams) => Response>;
}

/** The whole emulator on a frozen clock, with the demo portal and an in-process app receiver. */
export function consoleFixture(): ConsoleFixture {
  const appCalls: ConsoleFixture["appCalls"] = [];
  const answers: ConsoleFixture["answers"] = new Map();
  const receiver = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const body = await req.text();
    appCalls.push({ path: url.pathname, query: url.searchParams, body });
    const answer = answers.get(url.pathname);
    return answer ? answer(body ? JSON.parse(body) : undefined, url.searchParams) : Response.json({});
  }) as typeof fetch;
  const emulator = createHubSpotEmulator({
    clock: createEmulatorClock({ start: "2026-03-02T09:00:00.000Z", frozen: true }),
    rateLimits: false,
    fetch: receiver,
  });
  const portalId = emulator.createPortal({ seed: "demo" });
  const json = (method: string, body?: unknown, headers: Record<string, string> = {}) => ({
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const app = emulator.world.oauth.appById(1)!;
  return {
    emulator,
    portalId,
    appCalls,
    answers,
    async page(path, init) {
      const res = await emulator.app.request(path, init);
      return { status: res.status, html: await res.text(), res };
    },
    api: async (method, path, body) =>
      emulator.app.request(
        path,
        json(method, body, { authorization: `Bearer ${emulator.issueToken(portalId).access_token}` }),
      ),
    dev: async (method, path, body) =>
      emulator.app.request(
        `${path}${path.includes("?") ? "&" : "?"}hapikey=${developerApiKey(app)}`,
        json(method, body),
      ),
  };
}

/** The visible text of an HTML page, tags dropped and whitespace squeezed (for readable assertions). */
export function textOf(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>|<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
