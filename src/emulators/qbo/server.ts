import type { Clock } from "../../lib/clock.ts";
import { listen, type EmulatorClock, type RunningServer } from "../kit/index.ts";
import { createQboEmulator, type QboEmulator } from "./app.ts";

export interface QboServerOptions {
  port?: number;
  stateFile?: string;
  rateLimits?: boolean;
  /** A clock shared with the HubSpot emulator (the demo's); a running clock of its own otherwise. */
  clock?: Clock | EmulatorClock;
}

/** `ledgerlink emulate qbo`: the emulator on 127.0.0.1, delivering webhooks on its own. */
export async function startQboEmulator(
  opts: QboServerOptions = {},
): Promise<RunningServer & { emulator: QboEmulator }> {
  const emulator = createQboEmulator({
    clock: opts.clock,
    stateFile: opts.stateFile,
    rateLimits: opts.rateLimits,
    autoDeliverWebhooks: true,
  });
  const server = await listen(emulator.fetch, opts.port ?? 3002);
  return {
    ...server,
    emulator,
    close: async () => {
      emulator.close();
      await server.close();
    },
  };
}
