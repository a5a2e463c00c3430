import type { MiddlewareHandler } from "hono";
import { z } from "zod";

/** One injected failure, as posted to `POST /__emulator/faults`. */
export const faultRuleSchema = z.object({
  method: z.string().toUpperCase().optional(),
  /** Exact path, a prefix ending in `*`, or a substring of the path. */
  path: z.string().optional(),
  status: z.number().int().min(100).max(599),
  /** How many matching requests fail; unlimited when absent. */
  times: z.number().int().positive().optional(),
  /** How many matching requests pass untouched before the failures start (fail the third page, say). */
  skip: z.number().int().min(0).optional(),
  /** Wall-clock delay before answering (to exercise client time-outs). */
  delayMs: z.number().int().min(0).max(120_000).optional(),
  /** Body to send; the vendor's own error body for `status` when absent. */
  body: z.unknown().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export class FaultInjector {
  #rules: Array<FaultRule & { remaining: number; passed: number }> = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY, passed: 0 });
  }

  clear(): void {
    this.#rules = [];
  }

  list(): FaultRule[] {
    return this.#rules.map(({ remaining: _remaining, passed: _passed, ...rule }) => rule);
  }

  /** Returns the first rule that matches, consuming one of its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.#rules.find((r) => r.remaining > 0 && matches(r, method, path));
    if (!rule) return undefined;
    if (rule.passed < (rule.skip ?? 0)) {
      rule.passed += 1;
      return undefined;
    }
    rule.remaining -= 1;
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    return rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method.toUpperCase()) return false;
  if (!rule.path) return true;
  if (rule.path.endsWith("*")) return path.startsWith(rule.path.slice(0, -1));
  return path === rule.path || path.includes(rule.path);
}

/**
 * A request carrying this header (any value but "0") is never faulted and takes nothing from the
 * rules' counts: a harness can read back what the system under test left behind without meeting
 * the faults meant for that system, or changing which of its calls they fall on.
 */
export const NO_FAULTS_HEADER = "x-emulator-no-faults";

/**
 * Answers matching requests with the injected failure. Control routes are never faulted, so a
 * test can always clear what it injected; neither is a request marked with `NO_FAULTS_HEADER`.
 */
export function faultMiddleware(
  faults: FaultInjector,
  vendorErrorBody: (status: number) => unknown,
): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.startsWith("/__emulator")) return next();
    const exempt = c.req.header(NO_FAULTS_HEADER);
    if (exempt !== undefined && exempt !== "0") return next();
    const rule = faults.take(c.req.method, c.req.path);
    if (!rule) return next();
    if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
    const body = rule.body === undefined ? vendorErrorBody(rule.status) : rule.body;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (rule.status === 429) headers["retry-after"] = "1";
    return new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status: rule.status,
      headers,
    });
  };
}
