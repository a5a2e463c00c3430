import { describe, expect, it } from "vitest";
import {
  legacyAgreed,
  mergeField,
  mergeRecord,
  mergeSummary,
  pairKey,
  seedAgreed,
  type MergePair,
} from "./merge.ts";

const twoWay = { toHubspot: true, toQbo: true };
const toHubspotOnly = { toHubspot: true, toQbo: false };
const toQboOnly = { toHubspot: false, toQbo: true };

const phone: MergePair = {
  hubspotProperty: "phone",
  field: { path: "PrimaryPhone.FreeFormNumber", type: "phone" },
  ...twoWay,
};
const email: MergePair = {
  hubspotProperty: "email",
  field: { path: "PrimaryEmailAddr.Address", type: "email" },
  ...twoWay,
};

describe("the three-way merge of one field (C2, P2, ADR 0034)", () => {
  it("sends a change on one side only to the other, whoever wins conflicts", () => {
    for (const winner of ["qbo", "hubspot"] as const) {
      expect(mergeField({ qbo: "B", hubspot: "A", agreed: "A" }, twoWay, winner)).toEqual({
        kind: "write",
        to: "hubspot",
        value: "B",
        conflict: false,
      });
      expect(mergeField({ qbo: "A", hubspot: "C", agreed: "A" }, twoWay, winner)).toEqual({
        kind: "write",
        to: "qbo",
        value: "C",
        conflict: false,
      });
    }
  });

  it("is a conflict for the winner only when both sides changed since the agreement", () => {
    expect(mergeField({ qbo: "B", hubspot: "C", agreed: "A" }, twoWay, "qbo")).toEqual({
      kind: "write",
      to: "hubspot",
      value: "B",
      conflict: true,
    });
    expect(mergeField({ qbo: "B", hubspot: "C", agreed: "A" }, twoWay, "hubspot")).toEqual({
      kind: "write",
      to: "qbo",
      value: "C",
      conflict: true,
    });
  });

  it("agrees when both sides hold the same value (our echo, or the same edit on both)", () => {
    expect(mergeField({ qbo: "B", hubspot: "B", agreed: "B" }, twoWay, "qbo")).toEqual({
      kind: "agree",
      value: "B",
    });
    expect(mergeField({ qbo: "B", hubspot: " B ", agreed: "A" }, twoWay, "qbo")).toEqual({
      kind: "agree",
      value: "B",
    });
    expect(mergeField({ qbo: "12.5", hubspot: "12.50", agreed: undefined }, twoWay, "qbo").kind).toBe(
      "agree",
    );
    expect(mergeField({ qbo: undefined, hubspot: "", agreed: "A" }, twoWay, "qbo")).toEqual({
      kind: "agree",
      value: "",
    });
  });

  it("carries a cleared field as a clear, since the other side still holds the agreement", () => {
    expect(mergeField({ qbo: "A", hubspot: "", agreed: "A" }, twoWay, "qbo")).toEqual({
      kind: "write",
      to: "qbo",
      value: "",
      conflict: false,
    });
  });

  it("never writes back into the source of a one-way pair; the source wins when both changed", () => {
    expect(mergeField({ qbo: "A", hubspot: "C", agreed: "A" }, toHubspotOnly, "hubspot")).toEqual({
      kind: "hold",
    });
    expect(mergeField({ qbo: "B", hubspot: "C", agreed: "A" }, toHubspotOnly, "hubspot")).toEqual({
      kind: "write",
      to: "hubspot",
      value: "B",
      conflict: true,
    });
    expect(mergeField({ qbo: "B", hubspot: "A", agreed: "A" }, toQboOnly, "qbo")).toEqual({ kind: "hold" });
    expect(mergeField({ qbo: "B", hubspot: "C", agreed: "A" }, toQboOnly, "qbo")).toMatchObject({
      to: "qbo",
      value: "C",
    });
    expect(
      mergeField({ qbo: "B", hubspot: "C", agreed: "A" }, { toHubspot: false, toQbo: false }, "qbo"),
    ).toEqual({
      kind: "hold",
    });
  });

  it("without an agreement fills an empty side and never wipes one; two values are a conflict", () => {
    expect(mergeField({ qbo: undefined, hubspot: "C", agreed: undefined }, twoWay, "qbo")).toMatchObject({
      to: "qbo",
      value: "C",
      conflict: false,
    });
    expect(mergeField({ qbo: "B", hubspot: undefined, agreed: undefined }, toQboOnly, "qbo")).toEqual({
      kind: "hold",
    });
    expect(mergeField({ qbo: "B", hubspot: "C", agreed: undefined }, twoWay, "hubspot")).toMatchObject({
      to: "qbo",
      value: "C",
      conflict: true,
    });
  });
});

describe("the agreement of links made before agreements were kept", () => {
  it("is the value we wrote that one side still holds, when only one does (the phone regression)", () => {
    // QBO's phone B was written into HubSpot, then HubSpot changed to C: QBO still holds B.
    expect(legacyAgreed({ qbo: "B", hubspot: "C" }, { hubspot: "B", qbo: "A" })).toBe("B");
    expect(legacyAgreed({ qbo: "D", hubspot: "A" }, { hubspot: undefined, qbo: "A" })).toBe("A");
  });

  it("is unknown when both or neither side hold such a value", () => {
    expect(legacyAgreed({ qbo: "A", hubspot: "B" }, { hubspot: "B", qbo: "A" })).toBeUndefined();
    expect(legacyAgreed({ qbo: "X", hubspot: "Y" }, { hubspot: "B", qbo: "A" })).toBeUndefined();
    expect(legacyAgreed({ qbo: "X", hubspot: "Y" }, { hubspot: undefined, qbo: undefined })).toBeUndefined();
  });
});

describe("merging a record (C2, P2)", () => {
  const link = {
    agreed: { [pairKey(phone)]: "B", [pairKey(email)]: "a@x.example" },
    toHubspot: {},
    toQbo: {},
  };

  it("writes each side only what changed on the other, and says what each write will agree", () => {
    const merged = mergeRecord({
      pairs: [phone, email],
      qbo: { "PrimaryPhone.FreeFormNumber": "B", "PrimaryEmailAddr.Address": "new@x.example" },
      hubspot: { phone: "C", email: "a@x.example" },
      link,
      winner: "qbo",
    });
    expect(merged.writes).toEqual({
      qbo: { "PrimaryPhone.FreeFormNumber": "C" },
      hubspot: { email: "new@x.example" },
    });
    expect(merged.agreedBy).toEqual({
      qbo: { [pairKey(phone)]: "C" },
      hubspot: { [pairKey(email)]: "new@x.example" },
    });
    expect(merged.agreed).toEqual(link.agreed);
  });

  it("records fields seen equal as agreed and clears with null", () => {
    const merged = mergeRecord({
      pairs: [phone, email],
      qbo: { "PrimaryPhone.FreeFormNumber": "Z", "PrimaryEmailAddr.Address": "a@x.example" },
      hubspot: { phone: "Z" },
      link,
      winner: "qbo",
    });
    expect(merged.agreed[pairKey(phone)]).toBe("Z");
    expect(merged.writes.qbo).toEqual({ "PrimaryEmailAddr.Address": null });
    expect(mergeSummary(merged)).toBe("1 equal");
  });

  it("falls back on the remembered writes when a field has no agreement", () => {
    const merged = mergeRecord({
      pairs: [phone],
      qbo: { "PrimaryPhone.FreeFormNumber": "B" },
      hubspot: { phone: "C" },
      link: { agreed: {}, toHubspot: { phone: "B" }, toQbo: { "PrimaryPhone.FreeFormNumber": "A" } },
      winner: "qbo",
    });
    expect(merged.writes.qbo).toEqual({ "PrimaryPhone.FreeFormNumber": "C" });
  });

  it("seeds an agreement for the pairs equal on both sides (for the initial sync)", () => {
    expect(
      seedAgreed(
        [phone, email],
        { "PrimaryPhone.FreeFormNumber": "1" },
        { phone: "1", email: "e" },
        { x: "y" },
      ),
    ).toEqual({ x: "y", [pairKey(phone)]: "1" });
  });
});
