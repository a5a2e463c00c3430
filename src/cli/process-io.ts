import type { CliIO } from "./command.ts";

/**
 * The process boundary: real env, real stdout, real signals. SIGTERM (what systemd, Docker and
 * Kubernetes send) and SIGINT (Ctrl+C) both ask a long-running command to stop gracefully; the
 * command then finishes its work in hand and exits 0 (docs/operations.md).
 */
export const processIO: CliIO = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  untilStopped: () =>
    new Promise((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    }),
};
