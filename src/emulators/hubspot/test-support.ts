import { createEmulatorClock } from "../kit/index.ts";
import { createHubSpotEmulator, type HubSpotEmulator, type HubSpotEmulatorOptions } from "./app.ts";

/** The instant every HubSpot emulator test starts at (a frozen clock: nothing moves unless told). */
export const TEST_START = "2026-03-02T09:00:00.000Z";

export interface TestPortal {
  emulator: HubSpotEmulator;
  portalId: number;
  token: string;
  /** In-process request with the token (JSON body when given). */
  call(method: string, path: string, body?: unknown, token?: string): Promise<Response>;
}

/** An emulator on a frozen clock with one empty portal and an all-scopes token for the default app. */
export function testPortal(options: HubSpotEmulatorOptions & { scopes?: string[] } = {}): TestPortal {
  const emulator = createHubSpotEmulator({
    clock: createEmulatorClock({ start: TEST_START, frozen: true }),
    ...options,
  });
  const portalId = emulator.createPortal();
  const token = emulator.issueToken(portalId, { scopes: options.scopes }).access_token;
  const call = (method: string, path: string, body?: unknown, as = token) =>
    emulator.fetch(
      new Request(`http://hubspot.test${path}`, {
        method,
        headers: { authorization: `Bearer ${as}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { emulator, portalId, token, call };
}
