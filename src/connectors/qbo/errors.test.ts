import { describe, expect, it } from "vitest";
import { classify, readFault } from "./errors.ts";

const fault = (code: string, Message: string, Detail = "", type = "ValidationFault") => ({
  Fault: { Error: [{ Message, Detail, code, element: "" }], type },
  time: "2026-05-02T12:00:00.000-07:00",
});

const gateway401 = {
  warnings: null,
  intuitObject: null,
  fault: {
    error: [
      {
        message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
        detail: "Token expired: AB01730024136mqEofYN9fldzIcxH6lsAcqOYIbafE5z6ZdjPc",
        code: "3200",
        element: null,
      },
    ],
    type: "AUTHENTICATION",
  },
  report: null,
  time: 1633520295688,
};

const xml429 = `<IntuitResponse time="2016-12-07T15:27:09.527-08:00" xmlns="http://schema.intuit.com/finance/v3">
  <Fault type="SERVICE"><Error code="3001">
    <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
    <Detail>The request limit was reached.  Try again later</Detail>
  </Error></Fault></IntuitResponse>`;

const xml401 = `<Fault type="AuthenticationFault"><Error code="100"><Message>General Authentication Error</Message><Detail>AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401</Detail></Error></Fault>`;

describe("QBO classify", () => {
  it.each([
    // [name, status, body, kind, retryable, code, retryAfterMs]
    ["gateway 401, lowercase fault", 401, gateway401, "auth", false, "3200", undefined],
    ["XML 401, code 100", 401, xml401, "auth", false, "100", undefined],
    ["401 without a body", 401, undefined, "auth", false, undefined, undefined],
    [
      "403 AuthorizationFailed",
      403,
      fault("3100", "AuthorizationFailed"),
      "forbidden",
      false,
      "3100",
      undefined,
    ],
    ["XML 429 ThrottleExceeded", 429, xml429, "rate_limited", true, "3001", 60_000],
    ["429 without a body", 429, "", "rate_limited", true, undefined, 60_000],
    ["5010 stale object", 400, fault("5010", "Stale Object Error"), "stale", false, "5010", undefined],
    [
      "6240 duplicate name",
      400,
      fault("6240", "Duplicate Name Exists Error"),
      "duplicate",
      false,
      "6240",
      undefined,
    ],
    [
      "6140 duplicate doc number",
      400,
      fault("6140", "Duplicate Doc Num"),
      "duplicate",
      false,
      "6140",
      undefined,
    ],
    [
      "6210 as the old duplicate doc number",
      400,
      fault("6210", "Duplicate Document Number Error"),
      "duplicate",
      false,
      "6210",
      undefined,
    ],
    [
      "6210 account period closed",
      400,
      fault("6210", "Account Period Closed"),
      "validation",
      false,
      "6210",
      undefined,
    ],
    [
      "600 duplicate request id",
      400,
      fault("600", "Duplicate Request ID"),
      "duplicate",
      false,
      "600",
      undefined,
    ],
    ["610 object not found", 400, fault("610", "Object Not Found"), "not_found", false, "610", undefined],
    [
      "6000 business validation",
      400,
      fault("6000", "A business validation error has occurred"),
      "validation",
      false,
      "6000",
      undefined,
    ],
    [
      "2020 required param",
      400,
      fault("2020", "Required param missing"),
      "validation",
      false,
      "2020",
      undefined,
    ],
    [
      "4000 query parse error",
      400,
      fault("4000", "Error parsing query"),
      "validation",
      false,
      "4000",
      undefined,
    ],
    [
      "500 unsupported operation",
      400,
      fault("500", "Unsupported Operation"),
      "validation",
      false,
      "500",
      undefined,
    ],
    [
      "10000 system fault",
      500,
      fault("10000", "An application error has occurred", "", "SystemFault"),
      "server",
      true,
      "10000",
      undefined,
    ],
    ["plain 500", 500, "<html>oops</html>", "server", true, undefined, undefined],
    ["503 unavailable", 503, undefined, "server", true, undefined, undefined],
    ["404 unknown URL", 404, undefined, "not_found", false, undefined, undefined],
    ["400 unreadable", 400, { something: "else" }, "validation", false, undefined, undefined],
    ["418 never seen", 418, undefined, "unknown", false, undefined, undefined],
  ])("%s", (_name, status, body, kind, retryable, code, retryAfterMs) => {
    const e = classify(status, body, new Headers());
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.code).toBe(code);
    expect(e.retryAfterMs).toBe(retryAfterMs);
    expect(e.message.length).toBeGreaterThan(0);
  });

  it("leaves a Retry-After header to the HTTP client instead of assuming 60 s", () => {
    const e = classify(429, xml429, new Headers({ "retry-after": "7" }));
    expect(e).toMatchObject({ kind: "rate_limited", retryable: true });
    expect(e.retryAfterMs).toBeUndefined();
  });

  it("keeps Message, Detail and element in the message", () => {
    const body = {
      Fault: {
        Error: [
          {
            Message: "Invalid String Length",
            Detail: "DocNumber too long",
            code: "2050",
            element: "DocNumber",
          },
        ],
        type: "ValidationFault",
      },
    };
    expect(readFault(body)).toEqual({
      code: "2050",
      message: "Invalid String Length: DocNumber too long (DocNumber)",
    });
  });
});
