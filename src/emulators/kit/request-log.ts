import type { MiddlewareHandler } from "hono";
import type { Clock } from "../../lib/clock.ts";

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  /** Who called, when known (realm id, portal id, client id). */
  account?: string;
}

/** A ring buffer of recent requests, served at `GET /__emulator/requests`. */
export class RequestLog {
  #entries: LoggedRequest[] = [];
  constructor(readonly capacity = 1000) {}

  add(entry: LoggedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.shift();
  }

  list(): LoggedRequest[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}

export function requestLogMiddleware(log: RequestLog, clock: Clock): MiddlewareHandler {
  return async (c, next) => {
    const at = clock.now().toISOString();
    await next();
    if (c.req.path.startsWith("/__emulator")) return;
    const url = new URL(c.req.url);
    const account = c.get("account" as never) as string | undefined;
    log.add({
      at,
      method: c.req.method,
      path: url.pathname,
      query: url.search,
      status: c.res.status,
      account,
    });
  };
}
