import { describe, expect, it } from "vitest";
import { nextCheckpoint, planReconcile, truncatedEntities } from "./reconcile-plan.ts";

const now = new Date("2026-06-30T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe("reconcile plan (S5; docs/vendors/quickbooks.md §6)", () => {
  it("uses CDC inside the 30-day look-back", () => {
    expect(planReconcile(daysAgo(1), now)).toEqual({ kind: "cdc", since: daysAgo(1) });
    expect(planReconcile(daysAgo(29), now).kind).toBe("cdc");
  });

  it("falls back to paged queries near and past 30 days", () => {
    expect(planReconcile(new Date(daysAgo(30).getTime() + 60_000), now).kind).toBe("query");
    expect(planReconcile(daysAgo(45), now)).toEqual({ kind: "query", since: daysAgo(45) });
  });

  it("re-reads every entity whose CDC answer reached 1,000 objects", () => {
    expect(truncatedEntities({ Invoice: 1000, Customer: 999, Payment: 0 })).toEqual(["Invoice"]);
  });

  it("keeps a minute of overlap behind the server's time", () => {
    expect(nextCheckpoint(now).toISOString()).toBe("2026-06-30T11:59:00.000Z");
  });
});
