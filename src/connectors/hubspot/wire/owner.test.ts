import { describe, expect, it } from "vitest";
import { resultsOf } from "./envelope.ts";
import { parseOwner } from "./owner.ts";
import { parsePipeline } from "./pipeline.ts";
import { parsePropertyDefinitions } from "./property.ts";

describe("HubSpot account-level wire", () => {
  it("names an owner as HubSpot shows it", () => {
    const full = parseOwner({
      id: "41629779",
      email: "owner@example.com",
      firstName: "Jane",
      lastName: "Doe",
      userId: 9586504,
      archived: false,
    });
    expect(full.ok && full.value.displayName).toBe("Jane Doe");
    const bare = parseOwner({ id: "41629780", email: "ops@example.com", firstName: null, lastName: "" });
    expect(bare.ok && bare.value).toEqual({
      id: "41629780",
      email: "ops@example.com",
      displayName: "ops@example.com",
      archived: false,
    });
  });

  it("maps a pipeline with its live stages", () => {
    const r = parsePipeline({
      id: "default",
      label: "Sales Pipeline",
      displayOrder: 0,
      stages: [
        { id: "appointmentscheduled", label: "Appointment Scheduled", metadata: { probability: "0.2" } },
        { id: "old", label: "Old", archived: true },
      ],
      archived: false,
    });
    expect(r.ok && r.value).toEqual({
      id: "default",
      label: "Sales Pipeline",
      archived: false,
      stages: [{ id: "appointmentscheduled", label: "Appointment Scheduled" }],
    });
  });

  it("maps property definitions, calculated or read-only ones as read-only", () => {
    const r = parsePropertyDefinitions([
      {
        name: "email",
        label: "Email",
        type: "string",
        fieldType: "text",
        options: [],
        hidden: false,
        modificationMetadata: { readOnlyValue: false },
      },
      {
        name: "hs_amount_billed",
        label: "Amount billed",
        type: "number",
        fieldType: "number",
        calculated: true,
      },
      {
        name: "lifecyclestage",
        label: "Lifecycle stage",
        type: "enumeration",
        fieldType: "radio",
        options: [{ value: "lead", label: "Lead", displayOrder: 0 }],
      },
    ]);
    expect(r.ok && r.value.map((p) => [p.name, p.readOnly, p.options?.length ?? 0])).toEqual([
      ["email", false, 0],
      ["hs_amount_billed", true, 0],
      ["lifecyclestage", false, 1],
    ]);
  });

  it("reads result pages and batch answers", () => {
    const page = resultsOf({ results: [{ id: "1" }], paging: { next: { after: "2", link: "x" } } });
    expect(page).toEqual({ ok: true, value: { rows: [{ id: "1" }], after: "2", errors: [] } });
    const batch = resultsOf({
      status: "COMPLETE",
      results: [],
      errors: [{ status: "error", category: "OBJECT_NOT_FOUND", message: "nope" }],
    });
    expect(batch.ok && batch.value.errors).toEqual([
      { status: "error", category: "OBJECT_NOT_FOUND", message: "nope" },
    ]);
    expect(resultsOf({ status: "error", message: "x" }, "contacts").ok).toBe(false);
  });
});
