import { listen, type RunningServer } from "../kit/index.ts";
import { createHubSpotEmulator, type HubSpotEmulator, type HubSpotEmulatorOptions } from "./app.ts";

export interface StartOptions extends HubSpotEmulatorOptions {
  /** 3001 by default; 0 picks a free port. */
  port?: number;
}

export interface RunningHubSpotEmulator extends RunningServer {
  emulator: HubSpotEmulator;
}

/**
 * Serves the emulator on 127.0.0.1 (what `ledgerlink emulate hubspot` runs; the CLI prints the
 * URL). Webhooks are delivered on their own here, unlike in-process tests, which flush them.
 */
export async function startHubSpotEmulator(options: StartOptions = {}): Promise<RunningHubSpotEmulator> {
  const { port = 3001, ...rest } = options;
  const emulator = createHubSpotEmulator({ autoDeliverWebhooks: true, ...rest });
  const server = await listen(emulator.fetch, port);
  emulator.setPublicUrl(server.url);
  return {
    ...server,
    emulator,
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}
