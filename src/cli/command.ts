/** One CLI command: its name, one-line summary, help text and what it does. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
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
