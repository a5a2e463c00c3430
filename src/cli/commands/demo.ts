import { startRuntime } from "../../main.ts";
import { errorMessage } from "../../lib/errors.ts";
import { EXIT, type Command } from "../command.ts";
import { configOrReport, loggerFor } from "../load-config.ts";

/** `npm start`: the web and a worker in one process, always on the embedded database. */
export const demoCommand: Command = {
  name: "demo",
  summary: "Runs Ledgerlink (web + worker) on the embedded database: what `npm start` does.",
  usage:
    "ledgerlink demo\n\nRuns the web server and a worker in one process on the embedded database in\n" +
    "LEDGERLINK_DATA_DIR (default ./.ledgerlink); data survives restarts. DATABASE_URL is ignored.",
  async run(_args, io) {
    const config = configOrReport({ ...io, env: { ...io.env, DATABASE_URL: undefined } });
    if (!config) return EXIT.usage;
    const logger = loggerFor(config);
    try {
      const runtime = await startRuntime(config, { web: true, worker: true }, logger);
      io.out(`Ledgerlink demo running: ${runtime.url}`);
      io.out(`Data directory: ${config.dataDir} (delete it to start over). Press Ctrl+C to stop.`);
      await io.untilStopped();
      await runtime.close();
      return EXIT.ok;
    } catch (error) {
      io.err(`ledgerlink demo: ${errorMessage(error)}`);
      return EXIT.failed;
    }
  },
};
