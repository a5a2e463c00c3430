import { Client } from "@hubspot/api-client";
import { createEmulatorClock, listen, type RunningServer } from "../../kit/index.ts";
import { createHubSpotEmulator, type HubSpotEmulator, type HubSpotEmulatorOptions } from "../app.ts";
import { TEST_START } from "../test-support.ts";

/**
 * Conformance tests drive the emulator with HubSpot's own Node client (`@hubspot/api-client`
 * 13.x) over real HTTP, `basePath` pointing at a free local port (docs/vendors/hubspot.md §13).
 */
export interface Conformance {
  emulator: HubSpotEmulator;
  server: RunningServer;
  portalId: number;
  token: string;
  client: Client;
  /** A client with another token (other scopes, another app). */
  clientWith(token: string): Client;
  close(): Promise<void>;
}

export async function startConformance(
  options: HubSpotEmulatorOptions & { scopes?: string[]; seed?: "demo" } = {},
): Promise<Conformance> {
  const emulator = createHubSpotEmulator({
    clock: createEmulatorClock({ start: TEST_START, frozen: true }),
    // The clock is frozen, so windows never slide: only the limits tests turn limits on.
    rateLimits: false,
    ...options,
  });
  const server = await listen(emulator.fetch, 0);
  const portalId = emulator.createPortal({ seed: options.seed });
  const token = emulator.issueToken(portalId, { scopes: options.scopes }).access_token;
  const clientWith = (accessToken: string) => new Client({ accessToken, basePath: server.url });
  return {
    emulator,
    server,
    portalId,
    token,
    client: clientWith(token),
    clientWith,
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}

/** The status and body of what the client threw (its `ApiException`). */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: number; body?: unknown };
    if (typeof e.code === "number") return { code: e.code, body: (e.body ?? {}) as Record<string, unknown> };
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** A raw request to the running emulator, for bodies the client's models would trim. */
export async function raw(
  conf: Conformance,
  method: string,
  path: string,
  body?: unknown,
  token = conf.token,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${conf.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
