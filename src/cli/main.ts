import { runCli } from "./run.ts";
import { processIO } from "./process-io.ts";

process.exitCode = await runCli(process.argv.slice(2), processIO);
// Lingering handles (pools, timers) must not keep a finished command alive; the pause lets logs flush.
setTimeout(() => process.exit(), 200).unref();
