import type { CliIO } from "../../src/cli/command.ts";

/** A CliIO that records output and stops long-running commands as soon as they start. */
export function recordingIO(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    untilStopped: () => Promise.resolve(),
  };
  return { io, out, err, text: () => [...out, ...err].join("\n") };
}
