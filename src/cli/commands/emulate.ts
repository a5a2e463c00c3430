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

const EMULATE_FLAGS = {
  port: { type: "string" },
  state: { type: "string" },
  "no-rate-limits": { type: "boolean" },
} as const;

type Vendor = "hubspot" | "qbo";

interface EmulatorOptions {
  port: number;
  stateFile?: string;
  rateLimits: boolean;
  log: (line: string) => void;
}

type Start = (opts: { port: number; stateFile?: string; rateLimits: boolean }) => Promise<{
  url: string;
  close(): Promise<void>;
}>;

/** Starts an emulator and prints the line other tools wait for. */
const served =
  (label: string, start: Start) =>
  async ({ port, stateFile, rateLimits, log }: EmulatorOptions) => {
    const server = await start({ port, stateFile, rateLimits });
    log(`${label} emulator listening on ${server.url}`);
    return server;
  };

const emulators: Record<Vendor, (opts: EmulatorOptions) => Promise<{ close(): Promise<void> }>> = {
  hubspot: served("HubSpot", startHubSpotEmulator),
  qbo: served("QBO", startQboEmulator),
};

export function parseEmulateArgs(
  args: string[],
): { vendor: Vendor; options: Omit<EmulatorOptions, "log"> } | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: EMULATE_FLAGS,
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
  flags: EMULATE_FLAGS,
  positionals: true,
  async run(args: string[], io: CliIO) {
    const parsed = parseEmulateArgs(args);
    if (typeof parsed === "string") {
      io.err(`${parsed}\n\n${USAGE}`);
      return EXIT.usage;
    }
    try {
      const stopped = io.untilStopped(); // before the emulator prints the URL a script waits for
      const running = await emulators[parsed.vendor]({ ...parsed.options, log: io.out });
      await stopped;
      await running.close();
      return EXIT.ok;
    } catch (error) {
      io.err(`ledgerlink emulate ${parsed.vendor}: ${errorMessage(error)}`);
      return EXIT.failed;
    }
  },
};
