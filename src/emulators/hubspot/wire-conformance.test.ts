import { beforeAll, describe, expect, it } from "vitest";
import {
  COMPANY_PROPERTIES,
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  HUBSPOT_INVOICE_PROPERTIES,
  LINE_ITEM_PROPERTIES,
  PRODUCT_PROPERTIES,
  QUOTE_PROPERTIES,
  contactProperties,
  invoiceStatusProperties,
  lineItemProperties,
  parseCompanies,
  parseContact,
  parseContacts,
  parseDeals,
  parseHubSpotInvoice,
  parseHubSpotInvoices,
  parseLineItem,
  parseLineItems,
  parseOwners,
  parsePipelines,
  parseProduct,
  parseProducts,
  parsePropertyDefinitions,
  parseQuotes,
  productProperties,
  resultsOf,
  type WireError,
} from "../../connectors/hubspot/wire/index.ts";
import type { Result } from "../../lib/result.ts";
import { createEmulatorClock } from "../kit/index.ts";
import { createHubSpotEmulator } from "./app.ts";
import { TEST_START } from "./test-support.ts";

/**
 * What the emulator answers parses with the same wire schemas Ledgerlink reads HubSpot with: list
 * pages, batch reads, search, creates from our property builders, owners, pipelines, properties.
 */
type Json = Record<string, unknown>;
// Rate limits off: the search limit (5/s, and a frozen clock never refills it) is not what is tested.
const emulator = createHubSpotEmulator({
  clock: createEmulatorClock({ start: TEST_START, frozen: true }),
  rateLimits: false,
});
const portalId = emulator.createPortal({ seed: "demo" });
const token = emulator.issueToken(portalId, {}).access_token;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await emulator.fetch(
    new Request(`http://hubspot.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: res.status, body: (await res.json()) as Json };
}

function value<T>(r: Result<T, WireError>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const rowsOf = async (path: string, body?: unknown) =>
  value(resultsOf((await call(body ? "POST" : "GET", path, body)).body)).rows;

type ListParser = (rows: readonly unknown[]) => Result<Array<{ id: string }>, WireError>;
const TYPES: Record<string, readonly [readonly string[], ListParser]> = {
  contacts: [CONTACT_PROPERTIES, parseContacts],
  companies: [COMPANY_PROPERTIES, parseCompanies],
  products: [PRODUCT_PROPERTIES, parseProducts],
  deals: [DEAL_PROPERTIES, parseDeals],
  line_items: [LINE_ITEM_PROPERTIES, parseLineItems],
  quotes: [QUOTE_PROPERTIES, parseQuotes],
  invoices: [HUBSPOT_INVOICE_PROPERTIES, parseHubSpotInvoices],
};

beforeAll(async () => {
  // Our own properties, as portal set-up creates them (sync/portal-properties.ts).
  for (const [type, name, groupName] of [
    ["products", "qbo_item_id", "productinformation"],
    ["line_items", "qbo_line_key", "lineiteminformation"],
    ["invoices", "qbo_invoice_key", "invoiceinformation"],
    ["invoices", "qbo_invoice_id", "invoiceinformation"],
  ] as const) {
    const res = await call("POST", `/crm/v3/properties/${type}`, {
      name,
      label: name,
      type: "string",
      fieldType: "text",
      groupName,
      hasUniqueValue: name !== "qbo_invoice_id",
    });
    expect([201, 409]).toContain(res.status);
  }
});

describe("HubSpot emulator answers parse with connectors/hubspot/wire", () => {
  it.each(Object.entries(TYPES))("list pages and search: %s", async (type, [properties, parse]) => {
    const listed = await rowsOf(`/crm/v3/objects/${type}?limit=100&properties=${properties.join(",")}`);
    expect(value(parse(listed))).toHaveLength(listed.length);
    const found = await rowsOf(`/crm/v3/objects/${type}/search`, {
      filterGroups: [],
      properties,
      limit: 100,
    });
    expect(value(parse(found))).toHaveLength(found.length);
    if (listed.length) {
      const ids = listed.slice(0, 5).map((r) => ({ id: (r as Json).id }));
      const batch = await rowsOf(`/crm/v3/objects/${type}/batch/read`, { inputs: ids, properties });
      expect(
        value(parse(batch))
          .map((o) => o.id)
          .sort(),
      ).toEqual(ids.map((i) => String(i.id)).sort());
    }
  });

  it("the demo portal has records to check", async () => {
    for (const type of ["contacts", "companies", "deals"] as const)
      expect((await rowsOf(`/crm/v3/objects/${type}?limit=1`)).length).toBeGreaterThan(0);
  });

  it("creates from our property builders and reads back the domain values", async () => {
    const contact = await call("POST", "/crm/v3/objects/contacts", {
      properties: contactProperties({
        email: "wire@example.com",
        firstName: "Wire",
        lastName: "Test",
        mobilePhone: "555-0101",
      }),
    });
    expect(value(parseContact(contact.body))).toMatchObject({
      email: "wire@example.com",
      firstName: "Wire",
      mobilePhone: "555-0101",
    });

    const product = value(
      parseProduct(
        (
          await call("POST", "/crm/v3/objects/products", {
            properties: productProperties({ name: "Wire kit", sku: "WK-1", price: 12.5, qboItemId: "7" }),
          })
        ).body,
      ),
    );
    expect(product).toMatchObject({ name: "Wire kit", sku: "WK-1", price: 12.5, qboItemId: "7" });

    const upsert = await call("POST", "/crm/v3/objects/line_items/batch/upsert", {
      inputs: [
        {
          idProperty: "qbo_line_key",
          id: "9:130:1",
          properties: lineItemProperties({
            qboLineKey: "9:130:1",
            name: "Rock Fountain",
            quantity: 2,
            price: 275,
            description: "Fountain",
          }),
        },
      ],
    });
    const [line] = value(parseLineItems(value(resultsOf(upsert.body, "line_items")).rows));
    expect(line).toMatchObject({ qboLineKey: "9:130:1", quantity: 2, price: 275, description: "Fountain" });
    const read = await call(
      "GET",
      `/crm/v3/objects/line_items/${line!.id}?properties=${LINE_ITEM_PROPERTIES.join(",")}`,
    );
    expect(value(parseLineItem(read.body)).name).toBe("Rock Fountain");

    const invoice = await call("POST", "/crm/v3/objects/invoices", {
      properties: { hs_currency: "USD", qbo_invoice_key: "9:130" },
    });
    const created = value(parseHubSpotInvoice(invoice.body));
    expect(created).toMatchObject({ status: "draft", currency: "USD", qboInvoiceKey: "9:130" });
    expect(created.invoiceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const patched = await call("PATCH", `/crm/v3/objects/invoices/${created.id}`, {
      properties: invoiceStatusProperties("draft", 0),
    });
    expect(value(parseHubSpotInvoice(patched.body)).amountPaid).toBe(0);
  });

  it("owners, deal pipelines and property definitions", async () => {
    const owners = value(parseOwners(await rowsOf("/crm/v3/owners")));
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((o) => o.displayName)).toBe(true);
    const pipelines = value(parsePipelines(await rowsOf("/crm/v3/pipelines/deals")));
    expect(pipelines[0]?.stages.length).toBeGreaterThan(0);
    for (const type of ["contacts", "companies", "products", "deals", "line_items", "quotes", "invoices"]) {
      const defs = value(parsePropertyDefinitions(await rowsOf(`/crm/v3/properties/${type}`)));
      expect(defs.length).toBeGreaterThan(0);
    }
  });
});
