import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { createApp } from "../../src/http/app.tsx";
import type { ChangeRights } from "../../src/features/connections/access.ts";
import type { VendorApps } from "../../src/features/connections/vendors.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { generateSecretKey, SecretBox } from "../../src/lib/crypto.ts";
import { silentLogger } from "../../src/lib/logger.ts";

export const testSecrets = new SecretBox(generateSecretKey());

/**
 * For apps without a HubSpot to ask (no vendor clients): every signed-in user may change settings.
 * Suites about who may change things run against the HubSpot emulator instead (startStack; ADR 0024).
 */
export const anyoneMayChange: ChangeRights = { check: async () => ({ allowed: true }) };

/** The web app over a test database, with a manual clock and no queue. */
export function testApp(database: DatabaseHandle, clock = new ManualClock(), vendors: VendorApps = {}) {
  return createApp({
    config: { dataDir: "memory://", publicUrl: "http://localhost:3000" },
    database,
    logger: silentLogger,
    clock,
    secrets: testSecrets,
    vendors,
    changeRights: anyoneMayChange,
  });
}
