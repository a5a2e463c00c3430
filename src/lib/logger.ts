import { pino, type Logger } from "pino";

export type { Logger };

/** JSON lines in production (for log shippers); readable lines in the demo and in development. */
export function createLogger(opts: { level: string; format: "json" | "pretty" }): Logger {
  if (opts.format === "pretty") {
    return pino({
      level: opts.level,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, ignore: "pid,hostname", singleLine: true },
      },
    });
  }
  return pino({ level: opts.level });
}

export const silentLogger: Logger = pino({ level: "silent" });
