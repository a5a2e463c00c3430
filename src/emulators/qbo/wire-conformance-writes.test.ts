import { beforeAll, describe, expect, it } from "vitest";
import {
  cdcRows,
  customerBody,
  customerChanges,
  entityOf,
  invoiceBody,
  itemBody,
  parseChange,
  parseCustomer,
  parseCustomers,
  parseInvoice,
  parseItem,
  parsePayments,
  parseTaxCodes,
  queryRows,
} from "../../connectors/qbo/wire/index.ts";
import { type Json, value, wireEmulator } from "./wire-test-support.ts";

/**
 * Bodies built by connectors/qbo/wire are accepted by the emulator, and what it answers to them
 * (creates, sparse updates, batch, CDC with tombstones) parses back with the same wire schemas.
 */
const { company } = wireEmulator();

describe.each(["US", "GB"])("QBO emulator accepts connectors/qbo/wire bodies (%s)", (country) => {
  let qbo: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    qbo = await company(country);
  });

  it("creates from our builders, and reads back what it was given", async () => {
    const customer = value(
      parseCustomer(
        value(
          entityOf(
            await qbo.api(
              "POST",
              "/customer",
              customerBody({ displayName: `Wire Co ${country}`, email: "ap@wire.test", givenName: "Ada" }),
            ),
            "Customer",
          ),
        ),
      ),
    );
    expect(customer).toMatchObject({
      displayName: `Wire Co ${country}`,
      email: "ap@wire.test",
      givenName: "Ada",
      active: true,
    });

    const accounts = value(
      queryRows(await qbo.query("select * from Account where AccountType = 'Income'"), "Account"),
    );
    const incomeAccountId = String((accounts[0] as Json).Id);
    const item = value(
      parseItem(
        value(
          entityOf(
            await qbo.api(
              "POST",
              "/item",
              itemBody({ name: `Wire item ${country}`, incomeAccountId, unitPrice: 12.5, sku: "W-1" }),
            ),
            "Item",
          ),
        ),
      ),
    );
    expect(item).toMatchObject({ unitPrice: 12.5, sku: "W-1", sellable: true, incomeAccountId });

    const taxCodes = value(
      parseTaxCodes(value(queryRows(await qbo.query("select * from TaxCode"), "TaxCode"))),
    );
    const taxCodeId = country === "US" ? undefined : taxCodes[0]?.id;
    const body = invoiceBody({
      customerId: customer.id,
      txnDate: "2026-05-02",
      dueDate: "2026-06-01",
      customerMemo: "Thanks",
      lines: [{ itemId: item.id, itemName: item.name, quantity: 3, unitPrice: 12.5, taxCodeId }],
    });
    const invoice = value(parseInvoice(value(entityOf(await qbo.api("POST", "/invoice", body), "Invoice"))));
    expect(invoice).toMatchObject({
      customer: { id: customer.id },
      txnDate: "2026-05-02",
      dueDate: "2026-06-01",
      emailStatus: "NotSet",
      customerMemo: "Thanks",
    });
    expect(invoice.lines).toMatchObject([
      { itemId: item.id, quantity: 3, unitPrice: 12.5, amount: 37.5, ...(taxCodeId ? { taxCodeId } : {}) },
    ]);

    // QBO refuses to make a customer with an open balance inactive, so only the phone changes here.
    // The invoice moved the customer's Balance, so its SyncToken too: update the fresh copy.
    const fresh = value(
      parseCustomer(value(entityOf(await qbo.api("GET", `/customer/${customer.id}`), "Customer"))),
    );
    expect(fresh.balance).toBe(invoice.totalAmt);
    const update = {
      ...customerChanges({ phone: "555-0100" }),
      Id: fresh.id,
      SyncToken: fresh.syncToken,
      sparse: true,
    };
    const updated = value(
      parseCustomer(value(entityOf(await qbo.api("POST", "/customer?operation=update", update), "Customer"))),
    );
    expect(updated).toMatchObject({ phone: "555-0100", active: true, email: "ap@wire.test" });
  });

  it("batch answers and CDC rows, tombstones included", async () => {
    const batch = await qbo.api("POST", "/batch", {
      BatchItemRequest: [
        { bId: "1", operation: "create", Customer: customerBody({ displayName: `Batch one ${country}` }) },
        { bId: "2", operation: "create", Customer: customerBody({ displayName: `Batch one ${country}` }) },
      ],
    });
    const answers = (batch.BatchItemResponse as Json[]) ?? [];
    expect(answers).toHaveLength(2);
    expect(value(parseCustomer(answers.find((a) => a.bId === "1")?.Customer)).displayName).toBe(
      `Batch one ${country}`,
    );
    expect(answers.find((a) => a.bId === "2")?.Fault).toBeDefined();

    const invoice = value(parseInvoice(value(entityOf(await qbo.api("GET", "/invoice/102"), "Invoice"))));
    await qbo.api("POST", "/invoice?operation=delete", { Id: invoice.id, SyncToken: invoice.syncToken });
    const cdc = value(
      cdcRows(
        await qbo.api("GET", `/cdc?entities=Invoice,Customer,Payment&changedSince=2026-04-10T00:00:00Z`),
      ),
    );
    const changes = (cdc.byEntity.Invoice ?? []).map((row) => value(parseChange(parseInvoice)(row)));
    expect(changes.some((c) => "deleted" in c && c.id === invoice.id)).toBe(true);
    expect(value(parseCustomers(cdc.byEntity.Customer ?? [])).length).toBeGreaterThan(0);
    expect(value(parsePayments(cdc.byEntity.Payment ?? [])).length).toBeGreaterThan(0);
  });
});
