import { errorMessage } from "../lib/errors.ts";

type Coded = Error & { code?: string; address?: string; port?: number; cause?: unknown };

/** What each system error code means, in words a person acts on. */
const CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  EADDRINUSE: "address already in use",
  EACCES: "permission denied",
};

/**
 * The real reason behind an error, for one line of CLI output: follows `cause` (fetch's bare
 * "fetch failed" keeps its reason there) and opens AggregateError (Node's connection attempts to
 * each address of a host name), so the line says "connection refused at 127.0.0.1:5999", not
 * "fetch failed" or nothing at all.
 */
export function describeCause(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeCause))].join("; ");
  }
  if (!(error instanceof Error)) return String(error);
  const e = error as Coded;
  const known = e.code ? CODES[e.code] : undefined;
  if (known) return e.address ? `${known} at ${e.address}${e.port ? `:${e.port}` : ""}` : known;
  if (e.cause !== undefined) {
    const inner = describeCause(e.cause);
    return e.message === "fetch failed" ? inner : `${e.message}: ${inner}`;
  }
  return errorMessage(error);
}
