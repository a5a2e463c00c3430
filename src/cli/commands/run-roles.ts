import type { Config } from "../../config.ts";
import { ConfigurationError } from "../../lib/errors.ts";
import { DatabaseUnreachableError, MISSING_SECRET_KEY, startRuntime } from "../../main.ts";
import { describeCause } from "../causes.ts";
import { EXIT, type CliIO, type Command } from "../command.ts";
import { loggerFor } from "../load-config.ts";
import { commandOutput, configFor } from "../output.ts";
import { databaseWhere } from "./doctor.ts";

/**
 * What stops a server process before it starts, as one sentence naming the setting to change;
 * undefined when it may start. The embedded database is for one machine's demo: a server on it
 * by accident would keep its data, and its secret key, on that machine's disk.
 */
export function startRefusal(config: Config, embedded: boolean): string | undefined {
  if (!config.databaseUrl && !embedded) {
    return "DATABASE_URL is not set: set it to your PostgreSQL server, or pass --embedded to run on the embedded database in LEDGERLINK_DATA_DIR";
  }
  if (config.databaseUrl && !config.secretKey) {
    return MISSING_SECRET_KEY;
  }
  return undefined;
}

/** Why the start failed, naming its cause: the database and what it answered, the port, the setting. */
export function startFailure(config: Config, error: unknown): string {
  if (error instanceof DatabaseUnreachableError) {
    const fix = config.databaseUrl ? " (check DATABASE_URL)" : "";
    return `could not reach the ${databaseWhere(config)}: ${describeCause(error.cause)}${fix}`;
  }
  return describeCause(error);
}

/** `serve` and `worker`: one role each, for production (N workers against one PostgreSQL). */
function roleCommand(
  name: "serve" | "worker",
  roles: { web: boolean; worker: boolean },
  summary: string,
): Command {
  return {
    name,
    summary,
    flags: { embedded: { type: "boolean" } },
    usage:
      `ledgerlink ${name} [--embedded]\n\n${summary}\n` +
      "Needs DATABASE_URL and LEDGERLINK_SECRET_KEY; --embedded runs on the embedded database in\n" +
      "LEDGERLINK_DATA_DIR instead (one machine only). SIGTERM or Ctrl+C stops it gracefully (docs/operations.md).\n" +
      "Configuration comes from the environment (see README.md § Configuration).",
    async run(args: string[], io: CliIO) {
      const output = commandOutput(io, name);
      const config = configFor(io, output);
      if (!config) return EXIT.usage;
      const refused = startRefusal(config, args.includes("--embedded"));
      if (refused) {
        output.fail(refused);
        return EXIT.usage;
      }
      const logger = loggerFor(config);
      try {
        const runtime = await startRuntime(config, roles, logger);
        // Listen for the signal before telling anyone we are up: a supervisor may stop us at once.
        const stopped = io.untilStopped();
        // The runtime has logged it already; people also get a line they can click.
        if (runtime.url && !output.json) io.out(`Ledgerlink listening on ${runtime.url}`);
        await stopped;
        logger.info({ role: name }, "stopping");
        await runtime.close();
        logger.info({ role: name }, "stopped");
        return EXIT.ok;
      } catch (error) {
        output.fail(startFailure(config, error));
        return error instanceof ConfigurationError ? EXIT.usage : EXIT.failed;
      }
    },
  };
}

export const serveCommand = roleCommand("serve", { web: true, worker: false }, "Runs the web server only.");
export const workerCommand = roleCommand("worker", { web: false, worker: true }, "Runs job workers only.");
