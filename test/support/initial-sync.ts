import type { HttpClient, HttpRequest, HttpResponse, VendorError } from "../../src/connectors/http-client.ts";
import type { Result } from "../../src/lib/result.ts";
import type { VendorClients } from "../../src/features/connections/vendor-clients.ts";
import { initialSyncHandler, type RunDeps } from "../../src/features/record-sync/initial/run.ts";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import type { LoggedRequest } from "../../src/emulators/kit/request-log.ts";
import { startInitialSync } from "../../src/features/record-sync/initial/service.ts";
import { syncSettingsSchema } from "../../src/features/settings/schema.ts";
import { ensureSyncSetup } from "../../src/features/settings/setup.ts";
import { saveSettings } from "../../src/features/settings/store.ts";
import { startStack, type Stack } from "./stack.ts";

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

type Request = HttpRequest<unknown>;
type Answer = Result<HttpResponse<unknown>, VendorError>;

/** Vendor clients whose `vendor` side answers through `intercept`, which may call the real one. */
export function interceptedClients(
  clients: VendorClients,
  vendor: "qbo" | "hubspot",
  intercept: (req: Request, http: HttpClient) => Promise<Answer>,
): VendorClients {
  // The test answers untyped; each caller reads the body it asked for, as from the real client.
  const wrap = (http: HttpClient): HttpClient => ({
    request: <T>(req: HttpRequest<T>) =>
      intercept(req as Request, http) as Promise<Result<HttpResponse<T>, VendorError>>,
  });
  return vendor === "qbo"
    ? { ...clients, qbo: (c, onCall) => wrap(clients.qbo(c, onCall)) }
    : { ...clients, hubspot: (p, onCall) => wrap(clients.hubspot(p, onCall)) };
}

/**
 * Vendor clients whose `vendor` side dies like a killed process once `dies(request)` says so:
 * that call and every later one throw, while the calls already on the wire still land.
 * `landed()` resolves when none is left in flight.
 */
export function dyingClients(
  clients: VendorClients,
  vendor: "qbo" | "hubspot",
  dies: (req: Request, answered: boolean) => boolean,
) {
  let dead = false;
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const wrapped = interceptedClients(clients, vendor, async (req, http) => {
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
  });
  return {
    clients: wrapped,
    landed: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)),
  };
}

/** A stack whose US company syncs contacts one way (the initial sync's direction), set up. */
export async function initialSyncStack(
  db: DatabaseHandle,
  clock: ManualClock,
  direction: "to_qbo" | "to_hubspot",
): Promise<{ stack: Stack; realm: string; conn: string }> {
  const stack = await startStack(db, clock);
  const { realmId: realm, connectionId: conn } = stack.companies.us;
  await ensureSyncSetup(db.db, conn, clock.now());
  await saveSettings(
    db.db,
    conn,
    syncSettingsSchema.parse({ contacts: { enabled: true, direction } }),
    clock.now(),
  );
  return { stack, realm, conn };
}

/** Starts an initial sync of the company's contacts without queueing its job (the test runs it). */
export async function startContactsSync(db: DatabaseHandle, conn: string, now: Date): Promise<string> {
  const started = await startInitialSync(db.db, { enqueue: async () => null }, conn, "contacts", now);
  if (!started.ok) throw new Error(`the initial sync did not start: ${JSON.stringify(started.error)}`);
  return started.value;
}
