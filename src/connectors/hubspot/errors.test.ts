import { describe, expect, it } from "vitest";
import { classify, pauseHint } from "./errors.ts";

const envelope = (category: string, message: string, extra: Record<string, unknown> = {}) => ({
  status: "error",
  message,
  correlationId: "6e4a2d9c-2f19-4f0a-9a35-1b0a3c1c8f2e",
  category,
  ...extra,
});
const limit = (policyName: string) => ({
  status: "error",
  message: `You have reached your ${policyName.toLowerCase()} limit.`,
  errorType: "RATE_LIMIT",
  correlationId: "c033cdaa-2c40-4a64-ae48-b4cec88dad24",
  policyName,
  requestId: "3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd",
});
const unknownProperty = envelope("VALIDATION_ERROR", "Property values were not valid", {
  errors: [
    {
      message: 'Property "qbo_id" does not exist',
      code: "PROPERTY_DOESNT_EXIST",
      context: { propertyName: ["qbo_id"] },
    },
  ],
});

describe("HubSpot classify", () => {
  it.each([
    // [name, status, body, kind, retryable, code]
    [
      "expired token",
      401,
      envelope("EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired"),
      "auth",
      false,
      "EXPIRED_AUTHENTICATION",
    ],
    [
      "invalid token",
      401,
      envelope("INVALID_AUTHENTICATION", "Authentication credentials not found"),
      "auth",
      false,
      "INVALID_AUTHENTICATION",
    ],
    [
      "missing scopes",
      403,
      envelope("MISSING_SCOPES", "This app hasn't been granted all required scopes"),
      "forbidden",
      false,
      "MISSING_SCOPES",
    ],
    [
      "object not found",
      404,
      envelope("OBJECT_NOT_FOUND", "resource not found"),
      "not_found",
      false,
      "OBJECT_NOT_FOUND",
    ],
    ["unknown property", 400, unknownProperty, "validation", false, "PROPERTY_DOESNT_EXIST"],
    [
      "bad enum option",
      400,
      envelope("VALIDATION_ERROR", "foo was not one of the allowed options"),
      "validation",
      false,
      "VALIDATION_ERROR",
    ],
    ["URI too long", 414, undefined, "validation", false, undefined],
    ["locked record", 423, envelope("LOCKED", "locked"), "conflict", true, "LOCKED"],
    ["migration in progress", 477, undefined, "server", true, undefined],
    ["bad gateway", 502, "<html>Bad Gateway</html>", "server", true, undefined],
    ["gateway timeout", 504, undefined, "server", true, undefined],
    ["cloudflare 521", 521, undefined, "server", true, undefined],
    ["daily limit", 429, limit("DAILY"), "rate_limited", false, "DAILY"],
    ["secondly (search) limit", 429, limit("SECONDLY"), "rate_limited", true, "SECONDLY"],
    ["ten-secondly limit", 429, limit("TEN_SECONDLY_ROLLING"), "rate_limited", true, "TEN_SECONDLY_ROLLING"],
  ])("%s", (_name, status, body, kind, retryable, code) => {
    const e = classify(status, body, new Headers());
    expect(e).toMatchObject({ kind, retryable });
    expect(e.code).toBe(code);
    expect(e.message.length).toBeGreaterThan(0);
  });

  it("extracts the existing id from a 409 on create", () => {
    const body = envelope("CONFLICT", "Contact already exists. Existing ID: 12345");
    expect(classify(409, body, new Headers())).toMatchObject({
      kind: "conflict",
      retryable: false,
      existingId: "12345",
      code: "CONFLICT",
    });
  });

  it("waits a tenth of a spent rolling window, the interval without that evidence, one second for search, nothing for DAILY", () => {
    const headers = new Headers({
      "x-hubspot-ratelimit-interval-milliseconds": "10000",
      "x-hubspot-ratelimit-max": "110",
      "x-hubspot-ratelimit-remaining": "0",
    });
    expect(classify(429, limit("TEN_SECONDLY_ROLLING"), headers).retryAfterMs).toBe(1_000);
    const unsaid = new Headers({ "x-hubspot-ratelimit-interval-milliseconds": "10000" });
    expect(classify(429, limit("TEN_SECONDLY_ROLLING"), unsaid).retryAfterMs).toBe(10_000);
    expect(classify(429, limit("TEN_SECONDLY_ROLLING"), new Headers()).retryAfterMs).toBe(10_000);
    expect(classify(429, limit("SECONDLY"), headers).retryAfterMs).toBe(1_000);
    expect(classify(429, limit("DAILY"), headers).retryAfterMs).toBeUndefined();
  });

  it("says the portal's window is spent only when HubSpot's limiter shows it (ADR 0044)", () => {
    const spent = new Headers({ "x-hubspot-ratelimit-max": "110", "x-hubspot-ratelimit-remaining": "0" });
    const left = new Headers({ "x-hubspot-ratelimit-max": "110", "x-hubspot-ratelimit-remaining": "40" });
    expect(classify(429, limit("TEN_SECONDLY_ROLLING"), spent).windowSpent).toBe(true);
    expect(classify(429, limit("SECONDLY"), new Headers()).windowSpent).toBe(true);
    expect(classify(429, limit("TEN_SECONDLY_ROLLING"), left).windowSpent).toBeUndefined();
    // A 429 with no limiter headers at all (a gateway's, an injected one): this call waits, not the portal.
    expect(
      classify(429, limit("TEN_SECONDLY_ROLLING"), new Headers({ "retry-after": "1" })).windowSpent,
    ).toBeUndefined();
  });

  it("leaves a Retry-After header to the HTTP client", () => {
    const e = classify(429, limit("TEN_SECONDLY_ROLLING"), new Headers({ "retry-after": "3" }));
    expect(e.retryAfterMs).toBeUndefined();
  });
});

describe("HubSpot pauseHint", () => {
  it.each([
    [
      "plenty left",
      { "x-hubspot-ratelimit-remaining": "97", "x-hubspot-ratelimit-interval-milliseconds": "10000" },
      undefined,
    ],
    [
      "none left in the 10 s window: the next slot frees within a tenth of a second",
      {
        "x-hubspot-ratelimit-remaining": "0",
        "x-hubspot-ratelimit-max": "110",
        "x-hubspot-ratelimit-interval-milliseconds": "10000",
      },
      91,
    ],
    ["none left, no interval or max header", { "x-hubspot-ratelimit-remaining": "0" }, 100],
    [
      "none left this second, which the budget's own second window already keeps to",
      {
        "x-hubspot-ratelimit-secondly": "11",
        "x-hubspot-ratelimit-secondly-remaining": "0",
        "x-hubspot-ratelimit-remaining": "5",
      },
      undefined,
    ],
    ["no headers (search answers carry none)", {}, undefined],
  ])("%s", (_name, headers, ms) => {
    expect(pauseHint(200, new Headers(headers))).toBe(ms);
  });
});
