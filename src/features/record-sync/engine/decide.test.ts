import { describe, expect, it } from "vitest";
import type { RecordLink } from "../repo/record-links.ts";
import type { Pair } from "../pairs.ts";
import {
  afterMatch,
  createValues,
  flowsTo,
  planUpdate,
  skipSummary,
  targetWins,
  whenGone,
  written,
  type ObjectSettings,
} from "./decide.ts";
import { newLink } from "./ends.ts";

const settings = (change: Partial<ObjectSettings> = {}): ObjectSettings => ({
  enabled: true,
  direction: "two_way",
  createUpdate: "create_and_update",
  deleteRule: "none",
  winner: "qbo",
  ...change,
});
const link = (change: Partial<RecordLink> = {}): RecordLink => ({
  connectionId: "c",
  kind: "contact",
  qboId: "5",
  hubspotId: "12",
  toHubspot: {},
  toQbo: {},
  archived: false,
  ...change,
});
const email: Pair = {
  hubspotProperty: "email",
  field: { path: "PrimaryEmailAddr.Address", type: "email" },
};
const phone: Pair = {
  hubspotProperty: "phone",
  field: { path: "PrimaryPhone.FreeFormNumber", type: "phone" },
};
const ann = { id: "12", label: "Ann" };

describe("whether a change flows", () => {
  it("follows the direction and the switch", () => {
    expect(flowsTo(settings(), "hubspot")).toBe(true);
    expect(flowsTo(settings({ direction: "to_qbo" }), "hubspot")).toBe(false);
    expect(flowsTo(settings({ direction: "to_qbo" }), "qbo")).toBe(true);
    expect(flowsTo(settings({ enabled: false }), "qbo")).toBe(false);
  });

  it("lets the target win conflicts only in two-way sync with it as winner", () => {
    expect(targetWins(settings({ winner: "hubspot" }), "hubspot")).toBe(true);
    expect(targetWins(settings({ winner: "hubspot" }), "qbo")).toBe(false);
    expect(targetWins(settings({ winner: "hubspot", direction: "to_hubspot" }), "hubspot")).toBe(false);
  });
});

describe("the delete rule (C3, P3)", () => {
  it("takes the linked record out only with the archive rule", () => {
    expect(whenGone(undefined, settings({ deleteRule: "archive" }))).toBe("nothing-linked");
    expect(whenGone(link({ archived: true }), settings({ deleteRule: "archive" }))).toBe("nothing-linked");
    expect(whenGone(link(), settings())).toBe("kept");
    expect(whenGone(link(), settings({ deleteRule: "archive" }))).toBe("take-out");
  });
});

describe("after matching (I3, create-and-update rule)", () => {
  const free = () => false;
  it("reviews two fits, or one fit linked to another record", () => {
    expect(
      afterMatch({ kind: "ambiguous", by: "name", candidates: [ann] }, "create_and_update", free),
    ).toEqual({
      step: "review",
      by: "name",
      candidates: [ann],
    });
    expect(
      afterMatch({ kind: "matched", id: "12", by: "email", candidate: ann }, "create_and_update", () => true),
    ).toEqual({ step: "review", by: "email", candidates: [ann] });
  });

  it("links one free fit, whatever the rule", () => {
    expect(
      afterMatch({ kind: "matched", id: "12", by: "email", candidate: ann }, "update_only", free),
    ).toMatchObject({
      step: "link",
      id: "12",
    });
  });

  it("creates when nothing fits, unless the rule only updates", () => {
    expect(afterMatch({ kind: "none" }, "create_and_update", free)).toEqual({ step: "create" });
    expect(afterMatch({ kind: "none" }, "update_only", free)).toEqual({ step: "update-only" });
  });
});

describe("a linked record's fields, either direction", () => {
  it("writes what changed from QBO into HubSpot's property names", () => {
    const plan = planUpdate({
      pairs: [email, phone],
      from: "qbo",
      to: "hubspot",
      source: { "PrimaryEmailAddr.Address": "new@x.example", "PrimaryPhone.FreeFormNumber": "1" },
      target: { email: "old@x.example", phone: "1" },
      link: link(),
      settings: settings(),
    });
    expect(plan.changes).toEqual({ email: "new@x.example" });
    expect(skipSummary(plan.skipped)).toBe("1 unchanged");
  });

  it("drops our own echo coming back from HubSpot", () => {
    const plan = planUpdate({
      pairs: [email],
      from: "hubspot",
      to: "qbo",
      source: { email: "ours@x.example" },
      target: { "PrimaryEmailAddr.Address": "theirs@x.example" },
      link: link({ toHubspot: { email: "ours@x.example" } }),
      settings: settings(),
    });
    expect(plan.changes).toEqual({});
    expect(skipSummary(plan.skipped)).toBe("1 echo");
  });

  it("keeps a target that changed since our write when it is the winner", () => {
    const plan = planUpdate({
      pairs: [email],
      from: "hubspot",
      to: "qbo",
      source: { email: "hub@x.example" },
      target: { "PrimaryEmailAddr.Address": "edited@x.example" },
      link: link({ toQbo: { "PrimaryEmailAddr.Address": "ours@x.example" } }),
      settings: settings({ winner: "qbo" }),
    });
    expect(plan.skipped).toEqual([{ key: "PrimaryEmailAddr.Address", why: "conflict" }]);
  });

  it("says why nothing was written, or that nothing is mapped", () => {
    expect(skipSummary([])).toBe("no mapped fields");
    expect(written({ a: null, b: "x" })).toEqual({ a: "", b: "x" });
  });
});

describe("a create's values and its link", () => {
  it("carries only non-empty values, by the target's field names", () => {
    expect(createValues([email, phone], "hubspot", "qbo", { email: "a@x.example", phone: "" })).toEqual({
      "PrimaryEmailAddr.Address": "a@x.example",
    });
  });

  it("puts each id in its column and remembers what was written on the target's side", () => {
    expect(
      newLink(
        "c",
        "contact",
        { vendor: "hubspot", id: "12" },
        { vendor: "qbo", id: "5", written: { a: "1" } },
      ),
    ).toEqual(link({ toQbo: { a: "1" } }));
  });
});
