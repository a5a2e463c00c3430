/** One CLI command: its name, one-line summary, help text, the flags it accepts and what it does. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /**
   * Every flag the command accepts (besides --help/-h), as `node:util` parseArgs declares them.
   * Anything else on the command line is refused with exit 2 before `run` is called.
   */
  flags: Record<string, { type: "string" | "boolean"; short?: string }>;
  /** Whether the command takes positional arguments (e.g. `emulate hubspot`); default none. */
  positionals?: boolean;
  /** Resolves with the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); long-running commands await it. */
  untilStopped(): Promise<void>;
}

/** Exit codes: 0 ok, 1 a check or command failed, 2 bad usage or bad configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
