import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./schema.ts";
import { settingsFromForm } from "./form.ts";

describe("sync settings form (C1–C5, P1–P3, V1)", () => {
  it("reads the contacts tab, filters included, and keeps the other tabs", () => {
    const res = settingsFromForm(DEFAULT_SETTINGS, "contacts", {
      enabled: "on",
      direction: "to_qbo",
      createUpdate: "update_only",
      deleteRule: "archive",
      winner: "hubspot",
      customerAs: "company",
      matchByPhone: "on",
      lifecycleStages: ["customer", "opportunity"],
      listIds: "12, 34",
      "condition0.property": "country",
      "condition0.operator": "eq",
      "condition0.value": "Japan",
      behaviour: "sync_filter",
    });
    expect(res.ok && res.settings.contacts).toEqual({
      enabled: true,
      direction: "to_qbo",
      createUpdate: "update_only",
      deleteRule: "archive",
      winner: "hubspot",
      customerAs: "company",
      matchByNameAndCompany: false,
      matchByPhone: true,
      filters: {
        lifecycleStages: ["customer", "opportunity"],
        listIds: ["12", "34"],
        conditions: [{ property: "country", operator: "eq", value: "Japan" }],
      },
    });
    // X1: a behaviour sent with the tab's form is ignored; only the preview page switches it.
    expect(res.ok && res.settings.behaviour).toBe(DEFAULT_SETTINGS.behaviour);
    expect(res.ok && res.settings.products).toEqual(DEFAULT_SETTINGS.products);
  });

  it("refuses an unknown option, a bad list id or a bad property name, naming the field", () => {
    const bad = (form: Record<string, string>) => settingsFromForm(DEFAULT_SETTINGS, "contacts", form);
    expect(bad({ direction: "sideways" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^direction/),
    });
    expect(
      bad({
        direction: "two_way",
        createUpdate: "create_and_update",
        deleteRule: "none",
        winner: "qbo",
        customerAs: "contact",
        listIds: "abc",
      }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^filters\.listIds/),
    });
    expect(
      bad({
        direction: "two_way",
        createUpdate: "create_and_update",
        deleteRule: "none",
        winner: "qbo",
        customerAs: "contact",
        "condition0.property": "Bad Name",
        "condition0.operator": "eq",
      }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/^filters\.conditions/) });
  });

  it("reads the invoices tab one way only", () => {
    const res = settingsFromForm(DEFAULT_SETTINGS, "invoices", {
      enabled: "on",
      createUpdate: "none",
      deleteRule: "archive",
    });
    expect(res.ok && res.settings.invoices).toEqual({
      enabled: true,
      direction: "to_hubspot",
      createUpdate: "none",
      deleteRule: "archive",
    });
  });
});
