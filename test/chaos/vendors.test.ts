import { describe, expect, it } from "vitest";
import type { LoggedRequest } from "../../src/emulators/kit/request-log.ts";
import { isWriteSince } from "./vendors.ts";

const kill = Date.parse("2026-12-06T05:00:00.000Z");
const req = (over: Partial<LoggedRequest>): LoggedRequest => ({
  at: "2026-12-06T05:00:01.000Z",
  method: "POST",
  path: "/crm/v3/objects/contacts/batch/upsert",
  query: "",
  status: 200,
  ...over,
});

describe("when work resumed after a kill (ADR 0045, amended)", () => {
  it("counts a successful write received after the kill, on either vendor", () => {
    expect(isWriteSince(req({}), kill)).toBe(true);
    expect(isWriteSince(req({ path: "/v3/company/1/batch" }), kill)).toBe(true);
    expect(isWriteSince(req({ method: "PATCH", path: "/crm/v3/objects/deals/7" }), kill)).toBe(true);
    expect(isWriteSince(req({ at: "2026-12-06T05:00:00.000Z" }), kill)).toBe(true);
  });

  it("not what the killed worker sent before it died, however late it landed", () => {
    expect(isWriteSince(req({ at: "2026-12-06T04:59:59.999Z" }), kill)).toBe(false);
  });

  it("not a refused write, a read, a search, a batch read, a query or a token grant", () => {
    expect(isWriteSince(req({ status: 429 }), kill)).toBe(false);
    expect(isWriteSince(req({ method: "GET", path: "/crm/v3/objects/contacts" }), kill)).toBe(false);
    expect(isWriteSince(req({ path: "/crm/v3/objects/contacts/search" }), kill)).toBe(false);
    expect(isWriteSince(req({ path: "/crm/v3/objects/contacts/batch/read" }), kill)).toBe(false);
    expect(isWriteSince(req({ path: "/v3/company/1/query" }), kill)).toBe(false);
    expect(isWriteSince(req({ path: "/oauth/v1/token" }), kill)).toBe(false);
    expect(isWriteSince(req({ path: "/oauth2/v1/tokens/bearer" }), kill)).toBe(false);
  });
});
