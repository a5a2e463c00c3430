import { describe, expect, it } from "vitest";
import { inQuoteOrder, lineItemProperties, parseLineItem, parseLineItems } from "./line-item.ts";
import { parseProduct, productProperties } from "./product.ts";

// Shaped like HubSpot's line item list example (https://developers.hubspot.com/docs/api/crm/line-items).
const line = {
  id: "54321098765",
  properties: {
    amount: "6000.00",
    createdate: "2024-01-10T10:20:30.456Z",
    hs_lastmodifieddate: "2024-01-15T14:22:10.456Z",
    hs_object_id: "54321098765",
    hs_product_id: "76543210987",
    name: "Professional Services Package",
    price: "6000.00",
    quantity: "1",
    hs_position_on_quote: "2",
  },
  createdAt: "2024-01-10T10:20:30.456Z",
  updatedAt: "2024-01-15T14:22:10.456Z",
  archived: false,
};

describe("HubSpot line item wire", () => {
  it("maps a line item with numbers as numbers", () => {
    const r = parseLineItem(line);
    expect(r.ok && r.value).toEqual({
      id: "54321098765",
      archived: false,
      updatedAt: new Date("2024-01-15T14:22:10.456Z"),
      name: "Professional Services Package",
      productId: "76543210987",
      quantity: 1,
      price: 6000,
      position: 2,
    });
  });

  it("defaults quantity 1 and price 0, and refuses a non-numeric price", () => {
    const r = parseLineItem({ id: "1", properties: { name: "Free", price: "", quantity: null } });
    expect(r.ok && [r.value.quantity, r.value.price]).toEqual([1, 0]);
    const bad = parseLineItem({ ...line, properties: { ...line.properties, price: "six" } });
    expect(!bad.ok && bad.error.path).toBe("properties.price");
  });

  it("orders by the quote's position", () => {
    const r = parseLineItems([line, { id: "2", properties: { hs_position_on_quote: "1" } }]);
    expect(r.ok && inQuoteOrder(r.value).map((l) => l.id)).toEqual(["2", "54321098765"]);
  });

  it("builds the mirrored line's properties", () => {
    expect(
      lineItemProperties({ qboLineKey: "9:130:1", name: "Rock Fountain", quantity: 1, price: 275 }),
    ).toEqual({
      qbo_line_key: "9:130:1",
      name: "Rock Fountain",
      quantity: "1",
      price: "275",
    });
  });
});

describe("HubSpot product wire", () => {
  it("maps a product with our QBO link and builds its properties", () => {
    const r = parseProduct({
      id: "76543210987",
      properties: { name: "Annual licence", hs_sku: "LIC", price: "1200.00", qbo_item_id: "7" },
      archived: true,
    });
    expect(r.ok && r.value).toEqual({
      id: "76543210987",
      archived: true,
      name: "Annual licence",
      sku: "LIC",
      price: 1200,
      qboItemId: "7",
    });
    expect(productProperties({ name: "Annual licence", sku: "LIC", price: 1200 })).toEqual({
      name: "Annual licence",
      hs_sku: "LIC",
      price: "1200",
    });
  });
});
