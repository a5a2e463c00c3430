import { describe, expect, it } from "vitest";
import { ok } from "../../lib/result.ts";
import { PORTAL_PROPERTIES } from "./portal-properties.ts";
import { setupPortal, type PropertiesApi } from "./portal-setup.ts";

/** An in-memory properties API that records what was created. */
function fakeApi() {
  const groups = new Map<string, Set<string>>();
  const props = new Map<string, Map<string, Record<string, unknown>>>();
  const api: PropertiesApi = {
    groupNames: async (o) => ok([...(groups.get(o) ?? [])]),
    createGroup: async (o, g) => {
      groups.set(o, new Set([...(groups.get(o) ?? []), g.name]));
      return ok(undefined);
    },
    propertyNames: async (o) => ok([...(props.get(o)?.keys() ?? [])]),
    createProperty: async (o, p) => {
      const m = props.get(o) ?? new Map();
      m.set(p.name as string, p);
      props.set(o, m);
      return ok(undefined);
    },
  };
  return { api, props };
}

describe("portal set-up (A1, S2)", () => {
  it("creates the five deal properties of S2 in the qbo_invoice group", async () => {
    const { api, props } = fakeApi();
    const report = await setupPortal(api, "en");
    expect(report.ok).toBe(true);
    const deal = props.get("deals")!;
    expect([...deal.keys()].sort()).toEqual([
      "qbo_invoice_amount",
      "qbo_invoice_due_date",
      "qbo_invoice_number",
      "qbo_invoice_recipient",
      "qbo_invoice_status",
    ]);
    expect(deal.get("qbo_invoice_status")).toMatchObject({
      type: "enumeration",
      groupName: "qbo_invoice",
      options: expect.arrayContaining([expect.objectContaining({ value: "partially_paid" })]),
    });
    expect(deal.get("qbo_invoice_due_date")).toMatchObject({ type: "date" });
    expect(props.get("invoices")!.has("qbo_invoice_id")).toBe(true);
  });

  it("is idempotent: a second run creates nothing", async () => {
    const { api } = fakeApi();
    await setupPortal(api, "en");
    const again = await setupPortal(api, "en");
    expect(again).toEqual({ ok: true, value: { createdGroups: [], createdProperties: [] } });
  });

  it("labels in Japanese for a Japanese user", async () => {
    const { api, props } = fakeApi();
    await setupPortal(api, "ja");
    expect(props.get("deals")!.get("qbo_invoice_status")).toMatchObject({ label: "請求書のステータス" });
  });

  it("every status value matches S2", () => {
    const status = PORTAL_PROPERTIES.find((p) => p.name === "qbo_invoice_status" && p.objectType === "deals");
    expect(status?.options?.map((o) => o.value)).toEqual([
      "awaiting_send",
      "sent",
      "partially_paid",
      "paid",
      "overdue",
    ]);
  });
});
