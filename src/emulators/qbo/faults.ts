/**
 * Error answers exactly as Intuit sends them (docs/vendors/quickbooks.md §9): the `Fault` envelope for
 * validation and system faults, the gateway's lowercase `fault` body for 401, and XML for 429
 * (Intuit answers throttling in XML even when JSON was asked for).
 */
export type FaultType = "ValidationFault" | "SystemFault" | "AuthenticationFault" | "AuthorizationFault";

export interface FaultError {
  code: string;
  message: string;
  detail: string;
  element?: string;
}

/** QBO's own timestamp style: milliseconds and the offset, e.g. `2026-05-02T12:00:00.000-07:00`. */
export const qboTime = (now: Date) => now.toISOString().replace("Z", "+00:00");

export function faultBody(type: FaultType, errors: FaultError[], now: Date) {
  return {
    Fault: {
      Error: errors.map((e) => ({
        Message: e.message,
        Detail: e.detail,
        code: e.code,
        element: e.element ?? "",
      })),
      type,
    },
    time: qboTime(now),
  };
}

export function faultResponse(status: number, type: FaultType, error: FaultError, now: Date): Response {
  return Response.json(faultBody(type, [error], now), { status });
}

/** The 401 the gateway sends for a missing, expired or revoked token (lowercase keys, §9.3). */
export function unauthorizedResponse(detail: string, now: Date): Response {
  return Response.json(gatewayFault(detail, now), {
    status: 401,
    headers: { "www-authenticate": 'Bearer realm="Intuit", error="invalid_token"' },
  });
}

function gatewayFault(detail: string, now: Date) {
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
          detail,
          code: "3200",
          element: null,
        },
      ],
      type: "AUTHENTICATION",
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: now.getTime(),
    status: null,
    cdcresponse: [],
  };
}

/** 3001 ThrottleExceeded, in XML (§9.4). */
export function throttledResponse(now: Date): Response {
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<IntuitResponse time="${qboTime(now)}" xmlns="http://schema.intuit.com/finance/v3">` +
    `<Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>` +
    `<Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>`;
  return new Response(xml, { status: 429, headers: { "content-type": "application/xml" } });
}

/** The body an injected fault answers with when the test gave none (kit/faults.ts). */
export function injectedFaultBody(status: number, now: Date): unknown {
  if (status === 401) return gatewayFault("Token expired", now);
  if (status === 404)
    return faultBody(
      "ValidationFault",
      [
        {
          code: "610",
          message: "Object Not Found",
          detail:
            "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
        },
      ],
      now,
    );
  if (status >= 500)
    return faultBody(
      "SystemFault",
      [
        {
          code: "10000",
          message: "An application error has occurred while processing your request",
          detail: "System Failure Error: An unexpected error occurred",
        },
      ],
      now,
    );
  if (status === 429)
    return faultBody(
      "ValidationFault",
      [
        {
          code: "3001",
          message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
          detail: "The request limit was reached.  Try again later",
        },
      ],
      now,
    );
  return faultBody(
    "ValidationFault",
    [{ code: "2000", message: "Request has invalid or unsupported property", detail: "Injected fault" }],
    now,
  );
}
