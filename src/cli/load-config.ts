import { formatConfigProblems, loadConfig, type Config } from "../config.ts";
import type { DatabaseHandle } from "../db/kysely.ts";
import { errorMessage } from "../lib/errors.ts";
import { createLogger, type Logger } from "../lib/logger.ts";
import { openConfiguredDatabase } from "../main.ts";
import { EXIT, type CliIO } from "./command.ts";

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

/**
 * Runs a command body against the configured database and always closes it; a failure becomes
 * one line on stderr and exit 1 (a bad configuration is exit 2, as everywhere).
 */
export async function withDatabase(
  io: CliIO,
  name: string,
  body: (database: DatabaseHandle, config: Config) => Promise<number>,
): Promise<number> {
  const config = configOrReport(io);
  if (!config) return EXIT.usage;
  try {
    const database = await openConfiguredDatabase(config);
    try {
      return await body(database, config);
    } finally {
      await database.close();
    }
  } catch (error) {
    io.err(`ledgerlink ${name}: ${errorMessage(error)}`);
    return EXIT.failed;
  }
}
