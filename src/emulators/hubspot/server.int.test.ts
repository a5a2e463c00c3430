import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../kit/index.ts";
import { startHubSpotEmulator } from "./server.ts";
import { TEST_START } from "./test-support.ts";

describe("startHubSpotEmulator (X-HS)", () => {
  it("serves health on the port it was given (0: a free one) and knows its own URL", async () => {
    const running = await startHubSpotEmulator({
      port: 0,
      clock: createEmulatorClock({ start: TEST_START, frozen: true }),
    });
    try {
      const health = await fetch(`${running.url}/__emulator/health`);
      expect(health.status).toBe(200);
      expect(running.emulator.core.publicUrl()).toBe(running.url);
    } finally {
      await running.close();
    }
  });
});
