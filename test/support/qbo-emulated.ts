import type { Database } from "../../src/db/kysely.ts";
import { upsertQboConnection } from "../../src/features/connections/repo/qbo-connections.ts";
import type { EmulatorClock } from "../../src/emulators/kit/index.ts";
import { createQboEmulator, type QboEmulator } from "../../src/emulators/qbo/app.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { testSecrets } from "./app.ts";
import { fetchVia, testVendorClients } from "./engine.ts";
import { signedInPortal } from "./session.ts";

/**
 * The emulator reads Ledgerlink's ManualClock, so a budget sleep (which advances that clock) is
 * time passing for the emulator's rate limiter too: limits are real, waiting is not.
 */
export function sharedEmulatorClock(clock: ManualClock): EmulatorClock {
  const listeners = new Set<() => void>();
  const tell = () => listeners.forEach((l) => l());
  const start = clock.now();
  return {
    frozen: true,
    now: () => clock.now(),
    set: (now) => {
      clock.set(now);
      tell();
    },
    advance: (ms) => {
      clock.advance(ms);
      tell();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset: () => {
      clock.set(start);
      tell();
    },
  };
}

export interface EmulatedQbo {
  emulator: QboEmulator;
  clients: ReturnType<typeof testVendorClients>;
  portalId: string;
  connectionId: string;
  realmId: string;
  /** Calls the emulator's control API. */
  control(path: string, body?: unknown): Promise<Record<string, unknown>>;
}

/** A portal connected to a company of an in-process QBO emulator, with Ledgerlink's real clients. */
export async function connectEmulatedQbo(
  db: Database,
  clock: ManualClock,
  opts: { name: string; company?: Record<string, unknown>; rateLimits?: boolean },
): Promise<EmulatedQbo> {
  const emulator = createQboEmulator({
    clock: sharedEmulatorClock(clock),
    rateLimits: opts.rateLimits ?? true,
  });
  const control = async (path: string, body?: unknown) => {
    const res = await emulator.fetch(
      new Request(`http://qbo.test/__emulator${path}`, {
        method: body === undefined ? "GET" : "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return (await res.json()) as Record<string, unknown>;
  };
  const { realmId } = (await control("/companies", { name: opts.name, country: "US", ...opts.company })) as {
    realmId: string;
  };
  const token = await control("/tokens", { realmId });
  const portal = await signedInPortal(db, `p-${opts.name}`, clock.now());
  const connectionId = `conn-${opts.name}`;
  const sealCtx = `qbo:${connectionId}`;
  await upsertQboConnection(
    db,
    {
      connectionId,
      portalId: portal.portalId,
      realmId,
      companyName: opts.name,
      country: "US",
      homeCurrency: "USD",
      multiCurrency: false,
      customTxnNumbers: false,
      accessToken: testSecrets.seal(String(token.access_token), sealCtx),
      refreshToken: testSecrets.seal(String(token.refresh_token), sealCtx),
      accessExpiresAt: new Date(clock.now().getTime() + 3600_000),
      refreshExpiresAt: new Date(clock.now().getTime() + 86_400_000 * 100),
    },
    clock.now(),
  );
  const base = "http://qbo.test";
  const clients = testVendorClients(db, clock, {
    intuit: {
      clientId: "ledgerlink-dev",
      clientSecret: "ledgerlink-dev-secret",
      redirectUri: "http://localhost/cb",
      authBaseUrl: base,
      oauthBaseUrl: base,
      revokeBaseUrl: base,
      apiBaseUrl: base,
      fetch: fetchVia(emulator.fetch),
      clock,
    },
  });
  return { emulator, clients, portalId: portal.portalId, connectionId, realmId, control };
}
