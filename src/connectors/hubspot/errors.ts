import { z } from "zod";
import type { VendorError } from "../http-client.ts";

/**
 * HubSpot error decoding, in one place (docs/ARCHITECTURE.md, "How data flows"). Errors share one envelope
 * with a `category` (docs/vendors/hubspot.md §9); 429s add `policyName` and rate-limit headers (§8).
 * https://developers.hubspot.com/docs/api/error-handling
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */

const errorDetail = z.looseObject({
  message: z.string(),
  code: z.string().optional(),
  in: z.string().optional(),
  subCategory: z.string().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

export const hubspotErrorBody = z.looseObject({
  status: z.string().optional(),
  message: z.string(),
  correlationId: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  errors: z.array(errorDetail).optional(),
  /** 429 only: TEN_SECONDLY_ROLLING, SECONDLY or DAILY. */
  policyName: z.string().optional(),
  errorType: z.string().optional(),
});
export type HubSpotErrorBody = z.infer<typeof hubspotErrorBody>;

type Kind = VendorError["kind"];

export function classify(status: number, body: unknown, headers: Headers): VendorError {
  const parsed = hubspotErrorBody.safeParse(body);
  const data = parsed.success ? parsed.data : undefined;
  const message =
    data?.message ??
    (typeof body === "string" && body ? body.slice(0, 300) : `HubSpot answered HTTP ${status}`);
  const code = data?.errors?.[0]?.code ?? data?.category;
  const base = { message, ...(code ? { code } : {}) };
  if (status === 429) return rateLimited(data, headers, base);
  const kind = kindOf(status, data?.category);
  if (kind === "conflict") {
    // 409 on create: "Contact already exists. Existing ID: 12345" — the id lets us link, not duplicate.
    const existingId = /Existing ID:\s*(\d+)/i.exec(message)?.[1];
    return { kind, retryable: status === 423, ...base, ...(existingId ? { existingId } : {}) };
  }
  // 423 (record locked) and 477 (portal migration in progress) clear up on their own.
  const retryable = kind === "server" || status === 423 || status === 477;
  return { kind, retryable, ...base };
}

function kindOf(status: number, category: string | undefined): Kind {
  switch (category) {
    case "EXPIRED_AUTHENTICATION":
    case "INVALID_AUTHENTICATION":
      return "auth";
    case "MISSING_SCOPES":
      return "forbidden";
    case "OBJECT_NOT_FOUND":
      return "not_found";
    case "CONFLICT":
      return "conflict";
    case "VALIDATION_ERROR":
    case "BAD_REQUEST":
    case "INVALID_PARAMS":
      return "validation";
    default:
      // Categories HubSpot adds later, or none: the HTTP status decides below.
      break;
  }
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409 || status === 423) return "conflict";
  if (status === 400 || status === 414 || status === 422) return "validation";
  if (status >= 500 || status === 477) return "server";
  return "unknown";
}

/**
 * The 10-second policy clears within its interval; the secondly (search) one within a second.
 * DAILY is not waited for here: it resets at midnight in the portal's time zone, so the caller
 * must pause that portal's work (public OAuth apps have no daily limit at all).
 * The window is shown spent when HubSpot's limiter says so: `X-HubSpot-RateLimit-Remaining: 0`
 * beside the 10-second policy, or the search policy (search answers carry no such headers). A 429
 * without that evidence (a gateway's, a lone refusal) is the call's to wait out, not the portal's.
 */
function rateLimited(
  data: HubSpotErrorBody | undefined,
  headers: Headers,
  base: { message: string; code?: string },
): VendorError {
  const policy = data?.policyName;
  const code = policy ?? base.code ?? "RATE_LIMITS";
  if (policy === "DAILY") return { kind: "rate_limited", retryable: false, ...base, code };
  const interval = Number(headers.get("x-hubspot-ratelimit-interval-milliseconds"));
  const rolling = Number.isFinite(interval) && interval > 0 ? interval : undefined;
  const secondly = policy === "SECONDLY" ? 1_000 : undefined;
  const windowSpent = policy === "SECONDLY" || headers.get("x-hubspot-ratelimit-remaining")?.trim() === "0";
  // A spent rolling window frees as its oldest calls leave it, a tenth of it every tenth of the
  // interval at the limit's pace (HubSpot's secondly share): a tenth is enough to send again, where
  // the whole interval stood every worker still for 10 s over a few calls that arrived bunched. A
  // portal whose real limit is lower meets another 429 and pauses again: it goes at its limit.
  const spentWindowMs = windowSpent && rolling ? rolling / 10 : undefined;
  const retryAfterMs = headers.has("retry-after")
    ? undefined // the HTTP client reads it (seconds or a date)
    : (secondly ?? spentWindowMs ?? rolling ?? 10_000);
  return {
    kind: "rate_limited",
    retryable: true,
    ...base,
    code,
    ...(retryAfterMs ? { retryAfterMs } : {}),
    ...(windowSpent ? { windowSpent } : {}),
  };
}

/**
 * For the HTTP client's `pauseHint`: when an answer says no requests are left in the 10-second
 * window (`X-HubSpot-RateLimit-Remaining: 0`), the next call would be a 429. Our budget should
 * prevent this; it happens when requests granted at the planned limit arrive bunched, or when a
 * portal's real limit is lower than planned (older accounts: 100 per 10 s). Either way every worker
 * pauses instead of each finding out. The window rolls: at the limit's pace a slot frees within
 * `interval ÷ max`, so that is the pause; were the limit really lower, the 429 that follows pauses a
 * whole window (rate-budget.ts). The secondly pair needs no hint: the budget's own per-second
 * window never lets a twelfth call into a second, so "0 left this second" is its normal state.
 */
export function pauseHint(_status: number, headers: Headers): number | undefined {
  if (headers.get("x-hubspot-ratelimit-remaining")?.trim() !== "0") return undefined;
  const positive = (name: string, fallback: number) => {
    const n = Number(headers.get(name));
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return Math.ceil(
    positive("x-hubspot-ratelimit-interval-milliseconds", 10_000) / positive("x-hubspot-ratelimit-max", 100),
  );
}
