import { describe, expect, it } from "vitest";
import { classify } from "../../connectors/qbo/errors.ts";
import { faultResponse, injectedFaultBody, throttledResponse, unauthorizedResponse } from "./faults.ts";

const now = new Date("2026-05-02T19:00:00Z");

/** The emulator's errors must decode in Ledgerlink's classifier exactly as Intuit's would. */
describe("QBO emulator faults (X-QB)", () => {
  it("a duplicate name is a 400 ValidationFault 6240", async () => {
    const res = faultResponse(
      400,
      "ValidationFault",
      {
        code: "6240",
        message: "Duplicate Name Exists Error",
        detail: "The name supplied already exists. : null",
      },
      now,
    );
    const body = (await res.json()) as {
      Fault: { Error: Array<{ code: string }>; type: string };
      time: string;
    };
    expect(res.status).toBe(400);
    expect(body.Fault).toMatchObject({ type: "ValidationFault", Error: [{ code: "6240", element: "" }] });
    expect(body.time).toBe("2026-05-02T19:00:00.000+00:00");
    expect(classify(400, body, res.headers).kind).toBe("duplicate");
  });

  it("401 uses the gateway's lowercase body", async () => {
    const res = unauthorizedResponse("Token expired: AB01", now);
    const body = await res.json();
    expect(res.status).toBe(401);
    expect(body).toMatchObject({ fault: { type: "AUTHENTICATION", error: [{ code: "3200" }] } });
    expect(classify(401, body, res.headers).kind).toBe("auth");
  });

  it("429 is XML with code 3001", async () => {
    const res = throttledResponse(now);
    const text = await res.text();
    expect(res.headers.get("content-type")).toBe("application/xml");
    expect(text).toContain('<Error code="3001">');
    expect(classify(429, text, res.headers)).toMatchObject({ kind: "rate_limited", retryable: true });
  });

  it.each([
    [503, "server"],
    [404, "not_found"],
    [401, "auth"],
  ])("an injected %i decodes as %s", (status, kind) => {
    expect(classify(status, injectedFaultBody(status, now), new Headers()).kind).toBe(kind);
  });
});
