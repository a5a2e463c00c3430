import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { createApp } from "../../src/http/app.tsx";
import type { VendorApps } from "../../src/features/connections/vendors.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { generateSecretKey, SecretBox } from "../../src/lib/crypto.ts";
import { silentLogger } from "../../src/lib/logger.ts";

export const testSecrets = new SecretBox(generateSecretKey());

/** The web app over a test database, with a manual clock and no queue. */
export function testApp(database: DatabaseHandle, clock = new ManualClock(), vendors: VendorApps = {}) {
  return createApp({
    config: { dataDir: "memory://", publicUrl: "http://localhost:3000" },
    database,
    logger: silentLogger,
    clock,
    secrets: testSecrets,
    vendors,
  });
}
