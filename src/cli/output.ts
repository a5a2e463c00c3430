import { hostname } from "node:os";
import { pino } from "pino";
import { formatConfigProblems, loadConfig, type Config } from "../config.ts";
import type { CliIO } from "./command.ts";

/**
 * Where a server command's own lines go. People get plain sentences; production (NODE_ENV=production
 * or LOG_FORMAT=json) gets JSON lines in pino's shape, the same as the logger's, so a log shipper
 * never meets a plain-text line on stdout or stderr, not even a start error.
 */
export interface CommandOutput {
  json: boolean;
  info(message: string, fields?: Record<string, unknown>): void;
  fail(message: string, fields?: Record<string, unknown>): void;
}

/** Decided from the raw environment, so even an invalid configuration is reported as JSON. */
export function wantsJson(env: Record<string, string | undefined>): boolean {
  const format = env.LOG_FORMAT?.trim();
  if (format === "json") return true;
  if (format === "pretty") return false;
  return env.NODE_ENV?.trim() === "production";
}

export function commandOutput(io: CliIO, name: string, json = wantsJson(io.env)): CommandOutput {
  if (!json) {
    return {
      json,
      info: (message) => io.out(message),
      fail: (message) => io.err(`ledgerlink ${name}: ${message}`),
    };
  }
  const base = { pid: process.pid, hostname: hostname(), command: name };
  const out = pino({ base }, { write: (line: string) => io.out(line.trimEnd()) });
  const err = pino({ base }, { write: (line: string) => io.err(line.trimEnd()) });
  return {
    json,
    info: (message, fields = {}) => out.info(fields, message),
    fail: (message, fields = {}) => err.fatal(fields, message),
  };
}

/** The configuration, or every problem reported (as one JSON line in production); undefined: exit 2. */
export function configFor(io: CliIO, output: CommandOutput): Config | undefined {
  const result = loadConfig(io.env);
  if (result.ok) return result.config;
  if (output.json) output.fail("Invalid configuration", { problems: result.problems });
  else io.err(formatConfigProblems(result.problems));
  return undefined;
}
