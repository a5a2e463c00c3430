import { runCli } from "./run.ts";
import type { CliIO } from "./command.ts";

// The process boundary: real env, real stdout, real signals. Everything else is in runCli.
const io: CliIO = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  untilStopped: () =>
    new Promise((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }),
};

process.exitCode = await runCli(process.argv.slice(2), io);
// Lingering handles (pools, timers) must not keep a finished command alive; the pause lets logs flush.
setTimeout(() => process.exit(), 200).unref();
