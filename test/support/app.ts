import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { createApp } from "../../src/http/app.tsx";
import { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/lib/logger.ts";

/** The web app over a test database, with a manual clock and no queue. */
export function testApp(database: DatabaseHandle, clock = new ManualClock()) {
  return createApp({
    config: { dataDir: "memory://", publicUrl: "http://localhost:3000" },
    database,
    logger: silentLogger,
    clock,
  });
}
