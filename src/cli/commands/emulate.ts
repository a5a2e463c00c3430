import { parseArgs } from "node:util";
import { startHubSpotEmulator } from "../../emulators/hubspot/server.ts";
import { startQboEmulator } from "../../emulators/qbo/server.ts";
import { errorMessage } from "../../lib/errors.ts";
import { EXIT, type CliIO, type Command } from "../command.ts";

const USAGE = `ledgerlink emulate <hubspot|qbo> [--port N] [--state FILE] [--no-rate-limits]

Runs a local emulator of a vendor API, for Ledgerlink's demo or for anyone building against it.
  hubspot           HubSpot CRM API, OAuth, webhooks, app cards, workflow actions (default port 3001)
  qbo               QuickBooks Online Accounting API v3 and Intuit OAuth (default port 3002)
  --port N          port to listen on (0 picks a free one)
  --state FILE      keep the emulator's state in FILE across restarts
  --no-rate-limits  answer every request (the vendor's limits are on by default)
Control API: /__emulator/... (see src/emulators/<vendor>/README.md).`;

type Vendor = "hubspot" | "qbo";

interface EmulatorOptions {
  port: number;
  stateFile?: string;
  rateLimits: boolean;
  log: (line: string) => void;
}

/** The emulators register here as they are built; a vendor not listed is "not available yet". */
const emulators: Partial<Record<Vendor, (opts: EmulatorOptions) => Promise<{ close(): Promise<void> }>>> = {
  hubspot: async (opts) => {
    const server = await startHubSpotEmulator({
      port: opts.port,
      stateFile: opts.stateFile,
      rateLimits: opts.rateLimits,
    });
    opts.log(`HubSpot emulator listening on ${server.url}`);
    return server;
  },
  qbo: async (opts) => {
    const server = await startQboEmulator({
      port: opts.port,
      stateFile: opts.stateFile,
      rateLimits: opts.rateLimits,
    });
    opts.log(`QBO emulator listening on ${server.url}`);
    return server;
  },
};

async function start(vendor: Vendor, opts: EmulatorOptions) {
  const run = emulators[vendor];
  if (!run)
    throw new Error(
      `the ${vendor === "qbo" ? "QuickBooks Online" : "HubSpot"} emulator is not available yet`,
    );
  return run(opts);
}

export function parseEmulateArgs(
  args: string[],
): { vendor: Vendor; options: Omit<EmulatorOptions, "log"> } | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { port: { type: "string" }, state: { type: "string" }, "no-rate-limits": { type: "boolean" } },
    });
  } catch (error) {
    return errorMessage(error);
  }
  const [vendor, ...extra] = parsed.positionals;
  if (vendor !== "hubspot" && vendor !== "qbo")
    return `Name the emulator: hubspot or qbo (got ${vendor ?? "nothing"})`;
  if (extra.length) return `Unexpected argument: ${extra.join(" ")}`;
  const rawPort = parsed.values.port ?? (vendor === "hubspot" ? "3001" : "3002");
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535)
    return `--port must be a number from 0 to 65535 (got ${rawPort})`;
  return {
    vendor,
    options: { port, stateFile: parsed.values.state, rateLimits: !parsed.values["no-rate-limits"] },
  };
}

export const emulateCommand: Command = {
  name: "emulate",
  summary: "Runs the HubSpot or QuickBooks Online emulator.",
  usage: USAGE,
  async run(args: string[], io: CliIO) {
    const parsed = parseEmulateArgs(args);
    if (typeof parsed === "string") {
      io.err(`${parsed}\n\n${USAGE}`);
      return EXIT.usage;
    }
    try {
      const running = await start(parsed.vendor, { ...parsed.options, log: io.out });
      await io.untilStopped();
      await running.close();
      return EXIT.ok;
    } catch (error) {
      io.err(`ledgerlink emulate ${parsed.vendor}: ${errorMessage(error)}`);
      return EXIT.failed;
    }
  },
};
