import { startRuntime } from "../../main.ts";
import { errorMessage } from "../../lib/errors.ts";
import { EXIT, type CliIO, type Command } from "../command.ts";
import { configOrReport, loggerFor } from "../load-config.ts";

/** `serve` and `worker`: one role each, for production (N workers against one PostgreSQL). */
function roleCommand(
  name: "serve" | "worker",
  roles: { web: boolean; worker: boolean },
  summary: string,
): Command {
  return {
    name,
    summary,
    flags: {},
    usage: `ledgerlink ${name}\n\n${summary}\nConfiguration comes from the environment (see README.md § Configuration).`,
    async run(_args: string[], io: CliIO) {
      const config = configOrReport(io);
      if (!config) return EXIT.usage;
      const logger = loggerFor(config);
      try {
        const runtime = await startRuntime(config, roles, logger);
        if (runtime.url) io.out(`Ledgerlink listening on ${runtime.url}`);
        await io.untilStopped();
        await runtime.close();
        return EXIT.ok;
      } catch (error) {
        io.err(`ledgerlink ${name}: ${errorMessage(error)}`);
        return EXIT.failed;
      }
    },
  };
}

export const serveCommand = roleCommand("serve", { web: true, worker: false }, "Runs the web server only.");
export const workerCommand = roleCommand("worker", { web: false, worker: true }, "Runs job workers only.");
