import { beforeAll, describe, expect, it } from "vitest";
import { alertOf, startConsoleHarness, type ConsoleHarness } from "./console-harness.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/**
 * Issue 19: a console form with bad input answers the page again with a clear error (400) and
 * changes nothing — no record, no webhook, no CDC entry — whether the console or QuickBooks' own
 * rules refuse it.
 */
describe("the QBO console refuses bad input and changes nothing", () => {
  let h: ConsoleHarness;
  let acme: Json;
  let item: Json;
  let invoice: Json;
  let preferences: Json;
  const base = () => `/companies/${h.realm}`;

  beforeAll(async () => {
    h = await startConsoleHarness();
    const [income] = await h.query("SELECT * FROM Account WHERE AccountType = 'Income'");
    const make = async (entity: string, body: Json) =>
      (await h.api("POST", `/${entity.toLowerCase()}`, body)).body[entity] as Json;
    acme = await make("Customer", { DisplayName: "Acme" });
    item = await make("Item", {
      Name: "Consulting",
      Type: "Service",
      UnitPrice: 100,
      IncomeAccountRef: { value: income!.Id },
    });
    invoice = await make("Invoice", {
      CustomerRef: { value: acme.Id },
      Line: [
        {
          DetailType: "SalesItemLineDetail",
          Amount: 100,
          SalesItemLineDetail: { ItemRef: { value: item.Id } },
        },
      ],
    });
    const prefs = (await h.api("GET", "/preferences")).body.Preferences as Json;
    await h.submit(`${base()}/settings`, { syncToken: prefs.SyncToken, multiCurrency: "on" });
    preferences = (await h.api("GET", "/preferences")).body.Preferences as Json;
  });

  const cases: Array<[string, () => [string, Record<string, string>], string | (() => string)]> = [
    [
      "an invoice without a customer",
      () => [`${base()}/invoices`, { item_1: item.Id }],
      "Choose a customer.",
    ],
    [
      "an invoice without lines",
      () => [`${base()}/invoices`, { customer: acme.Id }],
      "Add at least one line with an item.",
    ],
    [
      "a quantity that is not a number",
      () => [`${base()}/invoices`, { customer: acme.Id, item_1: item.Id, qty_1: "abc" }],
      "Line 1: the quantity must be a number greater than 0.",
    ],
    [
      "a rate that is not a number",
      () => [`${base()}/invoices`, { customer: acme.Id, item_1: item.Id, rate_1: "-3" }],
      "Line 1: the rate must be a number, 0 or more.",
    ],
    [
      "a due date that is not a date",
      () => [`${base()}/invoices`, { customer: acme.Id, item_1: item.Id, dueDate: "31/12/2026" }],
      "The due date must be a date such as 2026-12-31.",
    ],
    [
      "an item QuickBooks does not know",
      () => [`${base()}/invoices`, { customer: acme.Id, item_1: "999" }],
      "QuickBooks refused this: Invalid Reference Id",
    ],
    [
      "a payment above the invoice's balance",
      () => [`${base()}/payments`, { customer: acme.Id, [`amount_${invoice.Id}`]: "100.01" }],
      "QuickBooks refused this: Business Validation Error: The payment amount 100.01 exceeds the open balance 100",
    ],
    [
      "a payment with no amount",
      () => [`${base()}/payments`, { customer: acme.Id }],
      "Enter an amount for at least one invoice.",
    ],
    [
      "a payment amount that is not positive",
      () => [`${base()}/payments`, { customer: acme.Id, [`amount_${invoice.Id}`]: "0" }],
      () => `The payment for invoice ${String(invoice.DocNumber)} must be an amount greater than 0.`,
    ],
    [
      "sending to a bad address",
      () => [`${base()}/invoices/${invoice.Id}/send`, { sendTo: "nope" }],
      "Enter a valid email address.",
    ],
    [
      "voiding from a stale page",
      () => [`${base()}/invoices/${invoice.Id}/void`, { syncToken: "7" }],
      "This record changed since the page was opened. Reload it and try again.",
    ],
    [
      "deleting without a SyncToken",
      () => [`${base()}/invoices/${invoice.Id}/delete`, {}],
      "QuickBooks refused this: Required parameter SyncToken is missing in the request",
    ],
    [
      "new terms with neither terms nor a due date",
      () => [
        `${base()}/invoices/${invoice.Id}/terms`,
        { syncToken: invoice.SyncToken, term: "", dueDate: "" },
      ],
      "Choose terms or enter a due date.",
    ],
    [
      "making a customer with a balance inactive",
      () => [`${base()}/customers/${acme.Id}/deactivate`, { syncToken: acme.SyncToken }],
      "This customer cannot be deleted because it has a non-zero balance.",
    ],
    [
      "turning multicurrency off",
      () => [`${base()}/settings`, { syncToken: preferences.SyncToken }],
      "Multicurrency can't be turned off once it is on.",
    ],
  ];

  it.each(cases)("refuses %s", async (_, input, message) => {
    const [path, fields] = input();
    const before = await h.snapshot();
    const res = await h.submit(path, fields);
    expect(res.status).toBe(400);
    expect(alertOf(await res.text())).toContain(typeof message === "string" ? message : message());
    expect(await h.snapshot()).toBe(before);
  });

  it("keeps what was typed in the refused form, and says it in Japanese on a Japanese page", async () => {
    const res = await h.submit(`${base()}/invoices`, { item_1: item.Id, qty_1: "3", rate_1: "12.5" }, "ja");
    const html = await res.text();
    expect(alertOf(html)).toBe("何も変更されていません: 顧客を選んでください。");
    expect(html).toContain('value="12.5"');
    // The language switch leads to the form's own page (the refusal answered a POST).
    expect(html).toContain(`<a class="lang" href="${base()}/invoices/new?lang=en"`);
    expect(html).toMatch(new RegExp(`<option value="${String(item.Id)}" selected`));
  });
});

describe("the QBO console outside the US", () => {
  it("asks for a tax code on every line before QuickBooks does", async () => {
    const h = await startConsoleHarness({ name: "UK Co", country: "GB" });
    const [income] = await h.query("SELECT * FROM Account WHERE AccountType = 'Income'");
    const customer = (await h.api("POST", "/customer", { DisplayName: "Tesco" })).body.Customer as Json;
    const item = (
      await h.api("POST", "/item", {
        Name: "Audit",
        Type: "Service",
        IncomeAccountRef: { value: income!.Id },
      })
    ).body.Item as Json;
    const [code] = await h.query("SELECT * FROM TaxCode");
    const form = { customer: customer.Id, item_1: item.Id, rate_1: "200" };
    await h.newEvents();
    const before = await h.snapshot();
    const refused = await h.submit(`/companies/${h.realm}/invoices`, form);
    expect(alertOf(await refused.text())).toContain("Line 1: choose a tax code.");
    expect(await h.snapshot()).toBe(before);
    const made = await h.submit(`/companies/${h.realm}/invoices`, { ...form, tax_1: code!.Id });
    expect(made.status).toBe(303);
    expect(await h.newEvents()).toHaveLength(1);
  });
});
