import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
beforeAll(async () => {
  conf = await startConformance({ seed: "demo", rateLimits: true });
});
afterAll(() => conf.close());

describe("Pipelines, owners, account details and limits through @hubspot/api-client (X-HS)", () => {
  it("lists the default deal pipeline with its stages and probabilities", async () => {
    const pipelines = await conf.client.crm.pipelines.pipelinesApi.getAll("deals");
    const sales = pipelines.results[0]!;
    expect(sales).toMatchObject({ id: "default", label: "Sales Pipeline" });
    expect(sales.stages.map((s) => s.id)).toEqual([
      "appointmentscheduled",
      "qualifiedtobuy",
      "presentationscheduled",
      "decisionmakerboughtin",
      "contractsent",
      "closedwon",
      "closedlost",
    ]);
    expect(sales.stages.find((s) => s.id === "closedwon")?.metadata).toEqual({
      isClosed: "true",
      probability: "1.0",
    });
  });

  it("lists owners and reads one, by id or user id", async () => {
    const owners = await conf.client.crm.owners.ownersApi.getPage();
    expect(owners.results.length).toBeGreaterThanOrEqual(4);
    const first = owners.results[1]!;
    expect(await conf.client.crm.owners.ownersApi.getById(Number(first.id))).toMatchObject({
      email: first.email,
    });
    expect(await conf.client.crm.owners.ownersApi.getById(first.userId!, "userId")).toMatchObject({
      id: first.id,
    });
  });

  it("describes the account", async () => {
    const details = await raw(conf, "GET", "/account-info/v3/details");
    expect(details.body).toMatchObject({
      portalId: conf.portalId,
      companyCurrency: "USD",
      timeZone: "US/Eastern",
      uiDomain: "app.hubspot.com",
      utcOffset: "-05:00",
    });
  });

  it("sends rate-limit headers and answers the 111th request in 10 s with HubSpot's 429", async () => {
    conf.emulator.limiter.reset();
    const first = await raw(conf, "GET", "/crm/v3/objects/contacts?limit=1");
    expect(first.headers.get("x-hubspot-ratelimit-max")).toBe("110");
    expect(first.headers.get("x-hubspot-ratelimit-remaining")).toBe("109");
    expect(first.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
    expect(first.headers.get("x-hubspot-ratelimit-secondly")).toBe("11");
    for (let i = 0; i < 109; i++) await raw(conf, "GET", "/crm/v3/objects/contacts?limit=1");
    const limited = await raw(conf, "GET", "/crm/v3/objects/contacts?limit=1");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
    });
    expect(limited.headers.get("x-hubspot-ratelimit-remaining")).toBe("0");
    conf.emulator.clock.advance(10_000);
    expect((await raw(conf, "GET", "/crm/v3/objects/contacts?limit=1")).status).toBe(200);
  });

  it("limits search to 5 requests per second, without rate-limit headers", async () => {
    conf.emulator.clock.advance(10_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await raw(conf, "POST", "/crm/v3/objects/deals/search", {})).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await raw(conf, "POST", "/crm/v3/objects/deals/search", {});
    expect(limited.body).toMatchObject({
      message: "You have reached your secondly limit.",
      policyName: "SECONDLY",
      errorType: "RATE_LIMIT",
    });
    expect(limited.headers.get("x-hubspot-ratelimit-max")).toBeNull();
  });

  it("answers an injected fault in HubSpot's error format", async () => {
    conf.emulator.faults.add({ method: "GET", path: "/crm/v3/owners*", status: 503, times: 1 });
    const failed = await raw(conf, "GET", "/crm/v3/owners");
    expect(failed).toMatchObject({ status: 503, body: { status: "error", category: "INTERNAL_ERROR" } });
    expect((await raw(conf, "GET", "/crm/v3/owners")).status).toBe(200);
  });
});
