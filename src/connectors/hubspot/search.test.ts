import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../lib/clock.ts";
import { ok } from "../../lib/result.ts";
import { createHttpClient } from "../http-client.ts";
import { classify } from "./errors.ts";
import { modifiedSince, type CrmRecord } from "./search.ts";

/** A search endpoint with HubSpot's rules that matter here: GT/GTE filters, id sort, 200 per page, 10,000 cap. */
function fakeSearch(total: number, iso = false) {
  const records = Array.from({ length: total }, (_, i) => ({
    id: String(1000 + i * 3),
    properties: { hs_object_id: String(1000 + i * 3), hs_lastmodifieddate: String(1_700_000_000_000 + i) },
  }));
  const isoOf = (r: (typeof records)[number]) =>
    new Date(Number(r.properties.hs_lastmodifieddate)).toISOString();
  let requests = 0;
  const app = new Hono();
  app.post("/crm/v3/objects/:type/search", async (c) => {
    requests += 1;
    const body = (await c.req.json()) as {
      filterGroups: Array<{ filters: Array<{ propertyName: string; value: string }> }>;
      limit: number;
      after?: string;
    };
    const f = body.filterGroups[0]!.filters;
    const since = Number(f.find((x) => x.propertyName === "hs_lastmodifieddate")!.value);
    const above = Number(f.find((x) => x.propertyName === "hs_object_id")!.value);
    const after = Number(body.after ?? 0);
    if (after + body.limit > 10_000)
      return c.json({ status: "error", message: "paging past 10,000", category: "VALIDATION_ERROR" }, 400);
    const matching = records.filter(
      (r) => Number(r.id) > above && Number(r.properties.hs_lastmodifieddate) >= since,
    );
    return c.json({
      total: matching.length,
      results: matching.slice(after, after + Math.min(body.limit, 200)).map((r) =>
        // The real search answers ISO-8601 datetimes in properties.
        iso ? { ...r, properties: { ...r.properties, hs_lastmodifieddate: isoOf(r) } } : r,
      ),
    });
  });
  return { app, requests: () => requests };
}

describe("HubSpot modified-since search in id windows (never hit the 10,000 cap)", () => {
  it("reads 12,345 records in 62 windows without paging past 10,000", async () => {
    const search = fakeSearch(12_345);
    const http = createHttpClient({
      fetch: (async (i: RequestInfo | URL, init?: RequestInit) =>
        search.app.fetch(new Request(i, init))) as typeof fetch,
      baseUrl: "http://hs",
      classify,
      clock: new ManualClock(),
      sleep: async () => undefined,
      headers: async () => ok({}),
    });
    const seen: CrmRecord[] = [];
    const res = await modifiedSince(
      http,
      "invoices",
      new Date(0),
      ["hs_number"],
      async (page) => void seen.push(...page),
    );
    expect(res.ok && res.value.count).toBe(12_345);
    expect(new Set(seen.map((r) => r.id)).size).toBe(12_345);
    expect(search.requests()).toBe(62);
    expect(res.ok && res.value.maxModified?.getTime()).toBe(1_700_000_000_000 + 12_344);
  });

  it("reads the newest modification from ISO-8601 values too (what HubSpot answers)", async () => {
    const search = fakeSearch(450, true);
    const http = createHttpClient({
      fetch: (async (i: RequestInfo | URL, init?: RequestInit) =>
        search.app.fetch(new Request(i, init))) as typeof fetch,
      baseUrl: "http://hs",
      classify,
      clock: new ManualClock(),
      sleep: async () => undefined,
      headers: async () => ok({}),
    });
    const res = await modifiedSince(http, "contacts", new Date(0), [], async () => undefined);
    expect(res.ok && res.value.maxModified?.getTime()).toBe(1_700_000_000_000 + 449);
  });
});
