import { formatConfigProblems, loadConfig, type Config } from "../config.ts";
import { createLogger, type Logger } from "../lib/logger.ts";
import type { CliIO } from "./command.ts";

/** Loads configuration or prints every problem at once; `undefined` means exit 2. */
export function configOrReport(io: CliIO, overrides: Record<string, string> = {}): Config | undefined {
  const result = loadConfig({ ...io.env, ...overrides });
  if (!result.ok) {
    io.err(formatConfigProblems(result.problems));
    return undefined;
  }
  return result.config;
}

export function loggerFor(config: Config): Logger {
  return createLogger(config.log);
}
