import { describe, expect, it } from "vitest";
import { xsdFieldsOf } from "../../../emulators/qbo/xsd/xsd-fields.ts";
import { QBO_ENTITY_OF, QBO_FIELDS, readQboPath, writeQboPath, qboField } from "./qbo-fields.ts";

/** The XSD simple types each of our field types may stand for. */
const XSD_TYPES: Record<string, string[]> = {
  string: ["xs:string", "IdType"],
  email: ["xs:string"],
  phone: ["xs:string"],
  url: ["xs:anyURI", "xs:string"],
  number: ["xs:decimal", "xs:int", "xs:integer"],
  money: ["xs:decimal"],
  date: ["xs:date", "Date"],
  boolean: ["xs:boolean"],
};

function xsdTypeOf(entity: string, path: string): string | undefined {
  let type: string | undefined = entity;
  for (const part of path.split(".")) {
    const field = xsdFieldsOf(type!.replace(/^\w+:/, "")).get(part);
    if (field === undefined) return undefined;
    type = field;
  }
  return type;
}

describe("QBO mapping fields (M2: the QBO fields of each entity, from Intuit's XSD)", () => {
  for (const [object, fields] of Object.entries(QBO_FIELDS)) {
    const entity = QBO_ENTITY_OF[object as keyof typeof QBO_FIELDS];
    for (const field of fields) {
      it(`${entity}.${field.path} exists in the XSD as ${field.type}`, () => {
        const type = xsdTypeOf(entity, field.path);
        expect(type, `${entity}.${field.path}`).toBeDefined();
        // EmailStatus and the like are XSD enumerations of strings: accept any non-numeric simple type.
        if (field.type === "string" && !XSD_TYPES.string!.includes(type!)) {
          expect(XSD_TYPES.number!.concat(XSD_TYPES.money!, XSD_TYPES.boolean!)).not.toContain(type);
        } else {
          expect(XSD_TYPES[field.type]).toContain(type);
        }
      });
    }
  }

  it("reads and writes dotted paths, typed", () => {
    const body: Record<string, unknown> = {};
    writeQboPath(body, qboField("contact", "PrimaryEmailAddr.Address")!, "a@b.example");
    writeQboPath(body, qboField("product", "UnitPrice")!, "12.50");
    expect(body).toEqual({ PrimaryEmailAddr: { Address: "a@b.example" }, UnitPrice: 12.5 });
    expect(readQboPath(body, "PrimaryEmailAddr.Address")).toBe("a@b.example");
    expect(readQboPath(body, "UnitPrice")).toBe("12.5");
    expect(readQboPath(body, "BillAddr.City")).toBeUndefined();
    expect(readQboPath({ Notes: "" }, "Notes")).toBeUndefined();
  });
});
