import type { z } from "zod";
import type { Clock } from "../lib/clock.ts";
import { metrics, routeTemplate } from "../lib/metrics.ts";
import { err, ok, type Result } from "../lib/result.ts";

/**
 * The HTTP core under every vendor client (docs/ARCHITECTURE.md, "Horizontal layers"): injected `fetch` and
 * `baseUrl`, a timeout per attempt, retries decided by the vendor's `classify()`, the shared rate budget
 * awaited before every attempt, and one `onCall` record per attempt for the sync ledger. Expected failures
 * come back as values; nothing here throws for a vendor's answer.
 */

export type ErrorKind =
  | "auth"
  | "forbidden"
  | "not_found"
  | "validation"
  | "conflict"
  | "stale"
  | "duplicate"
  | "rate_limited"
  | "server"
  | "network"
  | "timeout"
  | "aborted"
  | "malformed"
  | "unknown";

/** One decoded vendor failure: what the engine needs to decide (retry, re-read, ask the user). */
export interface VendorError {
  kind: ErrorKind;
  retryable: boolean;
  /** The vendor's (or our budget's) hint for when to try again. */
  retryAfterMs?: number;
  /** The vendor's own code (QBO Fault code, HubSpot category or error code). */
  code?: string;
  message: string;
  status?: number;
  /** HubSpot 409 "already exists. Existing ID: N": the record that is already there. */
  existingId?: string;
  /**
   * A 429 (or an answer) whose headers or body show the account's whole window is spent, not just
   * this call refused: every worker's next call would be refused too (rate-budget.ts `budgetHooks`).
   */
  windowSpent?: boolean;
}

export type Classify = (status: number, body: unknown, headers: Headers) => VendorError;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The production sleep; tests inject their own so they never wait. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

export interface AttemptInfo {
  method: string;
  path: string;
  /** 1 for the first try. */
  attempt: number;
}

/** What the sync ledger keeps about each attempt. */
export interface VendorCall extends AttemptInfo {
  at: Date;
  status?: number;
  durationMs: number;
  errorKind?: ErrorKind;
}

export interface HttpClientOptions {
  fetch: typeof fetch;
  /** The vendor label of this client's metrics (`ledgerlink_vendor_calls_total`); "other" when absent. */
  vendor?: "hubspot" | "qbo";
  baseUrl: string;
  classify: Classify;
  clock: Clock;
  sleep: Sleep;
  /** [0, 1); injected so tests can pin the jitter. */
  random?: () => number;
  /**
   * Per attempt. QBO cuts long requests at 120 s (docs/vendors/quickbooks.md §10); HubSpot times out at ~60
   * s.
   */
  timeoutMs?: number;
  maxAttempts?: number;
  /** Full-jitter backoff: attempt n waits random × min(capMs, baseMs × 2^(n-1)). */
  backoff?: { baseMs: number; capMs: number };
  /** A server hint longer than this is not waited for here; the error goes back so a job can reschedule. */
  maxRetryAfterMs?: number;
  /**
   * Headers for every attempt, read each time (an access token may have been refreshed meanwhile).
   * A failure (e.g. the refresh token was revoked: `auth`) ends the request without calling the vendor.
   */
  headers?: (info: AttemptInfo) => Promise<Result<Record<string, string>, VendorError>>;
  /**
   * The vendor answered 401 to credentials we believed valid (a token that died before its
   * expiry): renew them (single-flight, ADR 0033). Called at most once per request; when it
   * succeeds the call is made once more with fresh `headers`, outside the retry count. Its error
   * (e.g. the grant was revoked) ends the request.
   */
  onUnauthorized?: (
    info: AttemptInfo,
    rejected: Record<string, string>,
  ) => Promise<Result<unknown, VendorError>>;
  /** Awaited before every attempt (the rate budget). An error stops the request; the vendor is not called. */
  beforeRequest?: (info: AttemptInfo) => Promise<Result<unknown, VendorError>>;
  onCall?: (call: VendorCall) => void | Promise<void>;
  /** The vendor answered 429 (not our own budget): lets the shared budget pause every worker. */
  onRateLimited?: (info: AttemptInfo, error: VendorError) => Promise<void>;
  /** The vendor answered anything but a 429: tells the budget a throttle has ended (or never began). */
  onAnswered?: (info: AttemptInfo) => void;
  /**
   * Reads a vendor's rate-limit headers on any answer (HubSpot's `X-HubSpot-RateLimit-Remaining: 0`):
   * milliseconds to pause before the next call, passed to `onRateLimited` before a 429 can happen.
   */
  pauseHint?: (status: number, headers: Headers) => number | undefined;
  /** Tests replace it to fire a timeout by hand. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface HttpRequest<T> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Relative to baseUrl, query string included. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Serialised as JSON unless it is already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  schema?: z.ZodType<T>;
  /** A successful answer's body as bytes (a PDF), not parsed; errors are still parsed to classify them. */
  binary?: boolean;
  /**
   * May a failure whose effect is unknown (timeout, dropped connection, 5xx) be retried? GET, PUT,
   * PATCH and DELETE are; a POST only when the caller makes it so (QBO `requestid`). A 429 is always
   * retried: the vendor refused the call, so nothing happened.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpClient {
  request<T = unknown>(req: HttpRequest<T>): Promise<Result<HttpResponse<T>, VendorError>>;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  backoff: { baseMs: 500, capMs: 20_000 },
  maxRetryAfterMs: 60_000,
};

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  return { request: (req) => send(opts, req) };
}

async function send<T>(
  opts: HttpClientOptions,
  req: HttpRequest<T>,
): Promise<Result<HttpResponse<T>, VendorError>> {
  const maxAttempts = opts.maxAttempts ?? DEFAULTS.maxAttempts;
  let last: VendorError = { kind: "unknown", retryable: false, message: "no attempt made" };
  let renewed = false;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const info: AttemptInfo = { method: req.method, path: req.path, attempt };
    let tried = await tryOnce(opts, req, info);
    if (
      !tried.result.ok &&
      tried.sent &&
      isUnauthorized(tried.result.error) &&
      opts.onUnauthorized &&
      !renewed
    ) {
      renewed = true;
      const renewal = await opts.onUnauthorized(info, tried.sent);
      if (!renewal.ok) return err(renewal.error);
      tried = await tryOnce(opts, req, info);
    }
    const result = tried.result;
    if (result.ok) return result;
    last = result.error;
    const delay = retryDelay(opts, req, last, attempt);
    if (delay === undefined || attempt === maxAttempts) break;
    await opts.sleep(delay, req.signal);
    if (req.signal?.aborted) return err({ kind: "aborted", retryable: false, message: "aborted by caller" });
  }
  return err(last);
}

/** A 401: the credentials were refused (not a 403, which is about rights the token lacks). */
const isUnauthorized = (error: VendorError) => error.status === 401;

/**
 * The headers, the budget, one attempt; `sent` is the headers the vendor saw, if it was called.
 * The budget comes last, right before the request: the vendor counts a call when it arrives, and
 * a token read in between (a database round trip, a refresh) would let calls granted apart arrive
 * together, past the vendor's limit (ADR 0041).
 */
async function tryOnce<T>(
  opts: HttpClientOptions,
  req: HttpRequest<T>,
  info: AttemptInfo,
): Promise<{ result: Result<HttpResponse<T>, VendorError>; sent?: Record<string, string> }> {
  const headers = await (opts.headers?.(info) ?? ok({}));
  if (!headers.ok) return { result: headers };
  const gate = opts.beforeRequest ? await opts.beforeRequest(info) : ok(undefined);
  if (!gate.ok) return { result: gate };
  return { result: await attemptOnce(opts, req, info, headers.value), sent: headers.value };
}

/** How long to wait before the next attempt, or undefined when this failure must not be retried. */
export function retryDelay<T>(
  opts: Pick<HttpClientOptions, "random" | "backoff" | "maxRetryAfterMs">,
  req: Pick<HttpRequest<T>, "method" | "idempotent">,
  error: VendorError,
  attempt: number,
): number | undefined {
  if (!error.retryable) return undefined;
  const idempotent = req.idempotent ?? req.method !== "POST";
  if (!idempotent && error.kind !== "rate_limited") return undefined;
  const { baseMs, capMs } = opts.backoff ?? DEFAULTS.backoff;
  const random = opts.random ?? Math.random;
  // Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): workers that failed
  // together do not come back together.
  const jitter = Math.floor(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
  if (error.retryAfterMs === undefined) return jitter;
  if (error.retryAfterMs > (opts.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs)) return undefined;
  // The hint is a floor; a little jitter on top keeps workers from stampeding at the same instant.
  return error.retryAfterMs + Math.floor(random() * baseMs);
}

async function attemptOnce<T>(
  opts: HttpClientOptions,
  req: HttpRequest<T>,
  info: AttemptInfo,
  headers: Record<string, string>,
): Promise<Result<HttpResponse<T>, VendorError>> {
  const started = opts.clock.now();
  const timer = performance.now();
  const outcome = await exchange(opts, req, headers);
  const result = outcome.ok ? decode(opts, req, outcome.value) : outcome;
  countCall(opts, req, outcome.ok ? outcome.value.status : undefined, result, performance.now() - timer);
  await opts.onCall?.({
    ...info,
    at: started,
    status: outcome.ok ? outcome.value.status : undefined,
    durationMs: Math.max(0, opts.clock.now().getTime() - started.getTime()),
    errorKind: result.ok ? undefined : result.error.kind,
  });
  if (outcome.ok) await reportRateLimit(opts, info, outcome.value, result);
  return result;
}

/**
 * The one place vendor calls are counted: every attempt of every client, by vendor, templated
 * route and status (the transport error's kind when there was no answer). Real elapsed time, not
 * the injected clock: the histogram measures the wire, which a test clock does not move.
 */
function countCall<T>(
  opts: HttpClientOptions,
  req: HttpRequest<T>,
  status: number | undefined,
  result: Result<unknown, VendorError>,
  elapsedMs: number,
): void {
  const vendor = opts.vendor ?? "other";
  const code = status === undefined ? (result.ok ? "unknown" : result.error.kind) : String(status);
  metrics.vendorCalls.inc({ vendor, route: `${req.method} ${routeTemplate(req.path)}`, status: code });
  metrics.vendorCallSeconds.observe({ vendor }, elapsedMs / 1000);
  if (status === 429) metrics.vendorRateLimited.inc({ vendor });
}

/** A vendor 429, or headers saying the next call would be one: the budget decides who pauses. */
async function reportRateLimit(
  opts: HttpClientOptions,
  info: AttemptInfo,
  res: RawResponse,
  result: Result<unknown, VendorError>,
): Promise<void> {
  if (!result.ok && result.error.kind === "rate_limited") return opts.onRateLimited?.(info, result.error);
  opts.onAnswered?.(info);
  const pauseMs = opts.pauseHint?.(res.status, res.headers);
  if (!opts.onRateLimited || pauseMs === undefined || pauseMs <= 0) return;
  const message = `vendor reports no requests left; pausing ${pauseMs} ms`;
  await opts.onRateLimited(info, {
    kind: "rate_limited",
    retryable: true,
    retryAfterMs: pauseMs,
    message,
    windowSpent: true,
  });
}

interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One fetch with its timeout; a transport failure becomes a `network`/`timeout`/`aborted` error. */
async function exchange<T>(
  opts: HttpClientOptions,
  req: HttpRequest<T>,
  headers: Record<string, string>,
): Promise<Result<RawResponse, VendorError>> {
  const timeout = (opts.timeoutSignal ?? AbortSignal.timeout)(opts.timeoutMs ?? DEFAULTS.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  try {
    const res = await opts.fetch(urlOf(opts.baseUrl, req), {
      method: req.method,
      headers: {
        accept: "application/json",
        ...headers,
        ...contentType(req),
        ...req.headers,
      },
      body:
        req.body === undefined
          ? undefined
          : typeof req.body === "string"
            ? req.body
            : JSON.stringify(req.body),
      signal,
    });
    const body = req.binary && res.ok ? new Uint8Array(await res.arrayBuffer()) : parseBody(await res.text());
    return ok({ status: res.status, headers: res.headers, body });
  } catch (error) {
    if (req.signal?.aborted) return err({ kind: "aborted", retryable: false, message: "aborted by caller" });
    const message = error instanceof Error ? error.message : String(error);
    if (timeout.aborted) return err({ kind: "timeout", retryable: true, message: `timed out: ${message}` });
    return err({ kind: "network", retryable: true, message });
  }
}

function decode<T>(
  opts: HttpClientOptions,
  req: HttpRequest<T>,
  res: RawResponse,
): Result<HttpResponse<T>, VendorError> {
  if (res.status < 200 || res.status >= 300) {
    const error = opts.classify(res.status, res.body, res.headers);
    // A standard Retry-After applies to every vendor; the classifier's own hint wins when it has one.
    const retryAfterMs =
      error.retryAfterMs ?? parseRetryAfter(res.headers.get("retry-after"), opts.clock.now());
    return err({ status: res.status, ...error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  if (!req.schema) return ok({ status: res.status, headers: res.headers, body: res.body as T });
  const parsed = req.schema.safeParse(res.body);
  if (!parsed.success) {
    const message = `unexpected ${req.method} ${req.path} answer: ${parsed.error.message}`;
    return err({ kind: "malformed", retryable: false, status: res.status, message });
  }
  return ok({ status: res.status, headers: res.headers, body: parsed.data });
}

function contentType(req: HttpRequest<unknown>): Record<string, string> {
  return req.body === undefined || typeof req.body === "string" ? {} : { "content-type": "application/json" };
}

function urlOf(baseUrl: string, req: HttpRequest<unknown>): string {
  const url = `${baseUrl.replace(/\/+$/, "")}/${req.path.replace(/^\/+/, "")}`;
  const entries = Object.entries(req.query ?? {}).filter(
    (e): e is [string, string | number] => e[1] !== undefined,
  );
  if (entries.length === 0) return url;
  const qs = new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
  return `${url}${url.includes("?") ? "&" : "?"}${qs}`;
}

/** JSON when it parses, the raw text otherwise: QBO answers 429s (and some 5xx) in XML. */
function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3), in ms from `now`. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
