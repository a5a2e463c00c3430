import type { HttpClient } from "../../src/connectors/http-client.ts";
import type { VendorClients } from "../../src/features/connections/vendor-clients.ts";
import { initialSyncHandler, type RunDeps } from "../../src/features/record-sync/initial/run.ts";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import type { LoggedRequest } from "../../src/emulators/kit/request-log.ts";
import type { Stack } from "./stack.ts";

export type { LoggedRequest };

/*
 * What the initial sync's crash and resume tests share: the emulators' control routes, the run's
 * dependencies on a fake clock, and a vendor client that dies like a killed process.
 */

/** Calls an emulator's `/__emulator` route and returns its JSON (the request log, for one). */
export function emulatorControl(stack: () => Stack) {
  return async (vendor: "qbo" | "hubspot", method: string, path: string, body?: unknown) => {
    const emulator = vendor === "qbo" ? stack().qbo : stack().hubspot;
    const res = await emulator.fetch(
      new Request(`${stack().urls[vendor]}/__emulator${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    if (res.status >= 300) throw new Error(`${method} /__emulator${path}: ${res.status}`);
    return (await res.json()) as { requests?: LoggedRequest[] };
  };
}

/** A run's dependencies: the stack's clients, a stall timeout, and sleeps that move the fake clock. */
export function initialSyncDeps(
  db: () => DatabaseHandle,
  clock: ManualClock,
  stack: () => Stack,
  stallMs: number,
) {
  return (extra: Partial<RunDeps> = {}): RunDeps => ({
    db: db().db,
    clock,
    clients: stack().clients,
    syncStallTimeoutMs: stallMs,
    sleep: async (ms) => clock.advance(ms),
    ...extra,
  });
}

/** Runs the initial sync job once, as the queue would. */
export const runInitialSync = (syncId: string, deps: RunDeps, resume?: true): Promise<void> =>
  initialSyncHandler(deps, {
    payload: resume ? { syncId, resume } : { syncId },
    jobId: syncId,
    log: silentLogger,
    retryCount: 0,
  });

/**
 * Vendor clients whose `vendor` side dies like a killed process once `dies(request)` says so:
 * that call and every later one throw, while the calls already on the wire still land.
 * `landed()` resolves when none is left in flight.
 */
export function dyingClients(
  clients: VendorClients,
  vendor: "qbo" | "hubspot",
  dies: (req: Parameters<HttpClient["request"]>[0], answered: boolean) => boolean,
) {
  let dead = false;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const dying = (http: HttpClient): HttpClient => ({
    async request(req) {
      if (!dead && dies(req, false)) dead = true;
      if (dead) throw new Error("kill -9");
      inFlight++;
      try {
        const res = await http.request(req);
        if (!dead && dies(req, true)) dead = true;
        if (dead) throw new Error("kill -9");
        return res;
      } finally {
        if (--inFlight === 0) waiting.forEach((resolve) => resolve());
      }
    },
  });
  const wrapped: VendorClients =
    vendor === "qbo"
      ? { ...clients, qbo: (c, onCall) => dying(clients.qbo(c, onCall)) }
      : { ...clients, hubspot: (p, onCall) => dying(clients.hubspot(p, onCall)) };
  return {
    clients: wrapped,
    landed: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)),
  };
}
