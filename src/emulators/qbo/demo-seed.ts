import { addDays } from "./time.ts";

type Entity = Record<string, unknown>;

export interface QboSeedApi {
  country: string;
  homeCurrency: string;
  /** Creates through the same rules as the API; throws when QBO would refuse. */
  create(entity: "Customer" | "Item" | "Invoice" | "Estimate" | "Payment", body: Entity): Promise<Entity>;
  send(invoiceId: string): Promise<void>;
  voidInvoice(invoiceId: string, syncToken: string): Promise<void>;
  accounts: Entity[];
  terms: Entity[];
  taxCodes: Entity[];
}

const CUSTOMERS: Entity[] = [
  {
    DisplayName: "Amy's Bird Sanctuary",
    GivenName: "Amy",
    FamilyName: "Lauterbach",
    CompanyName: "Amy's Bird Sanctuary",
    email: "birds@example.com",
  },
  {
    DisplayName: "Bill's Windsurf Shop",
    GivenName: "Bill",
    FamilyName: "Lucchini",
    CompanyName: "Bill's Windsurf Shop",
    email: "surf@example.com",
  },
  {
    DisplayName: "Cool Cars",
    GivenName: "Grace",
    FamilyName: "Pariente",
    CompanyName: "Cool Cars",
    email: "cool_cars@example.com",
  },
  { DisplayName: "Diego Rodriguez", GivenName: "Diego", FamilyName: "Rodriguez", email: "diego@example.com" },
  {
    DisplayName: "Dukes Basketball Camp",
    GivenName: "Peter",
    FamilyName: "Dukes",
    CompanyName: "Dukes Basketball Camp",
    email: "dukes@example.com",
  },
  {
    DisplayName: "Freeman Sporting Goods",
    GivenName: "Kirby",
    FamilyName: "Freeman",
    CompanyName: "Freeman Sporting Goods",
    email: "sporting@example.com",
  },
  {
    DisplayName: "Geeta Kalapatapu",
    GivenName: "Geeta",
    FamilyName: "Kalapatapu",
    email: "geeta@example.com",
  },
  {
    DisplayName: "Jeff's Jalopies",
    GivenName: "Jeff",
    FamilyName: "Chin",
    CompanyName: "Jeff's Jalopies",
    email: "jalopies@example.com",
  },
];

const ITEMS: Array<{ Name: string; Type: string; UnitPrice: number; Description: string; Sku: string }> = [
  { Name: "Design", Type: "Service", UnitPrice: 75, Description: "Custom design", Sku: "SRV-DES" },
  {
    Name: "Installation",
    Type: "Service",
    UnitPrice: 50,
    Description: "Installation of landscape design",
    Sku: "SRV-INS",
  },
  { Name: "Consulting", Type: "Service", UnitPrice: 120, Description: "Hourly consulting", Sku: "SRV-CON" },
  { Name: "Maintenance", Type: "Service", UnitPrice: 45, Description: "Monthly maintenance", Sku: "SRV-MNT" },
  { Name: "Rock Fountain", Type: "NonInventory", UnitPrice: 275, Description: "Rock fountain", Sku: "NI-RF" },
  {
    Name: "Garden Lighting",
    Type: "NonInventory",
    UnitPrice: 89.5,
    Description: "Solar garden lighting kit",
    Sku: "NI-GL",
  },
];

/**
 * A demo company (POST /__emulator/companies with seed "demo"): customers, items, estimates and
 * invoices in every status of S1 (docs/requirements.md) relative to `today`, with the payments that make them
 * so.
 */
export async function seedDemoCompany(api: QboSeedApi, today: string): Promise<void> {
  const income =
    api.accounts.find((a) => a.AccountSubType === "ServiceFeeIncome") ??
    api.accounts.find((a) => a.AccountType === "Income");
  if (!income) throw new Error("The company has no income account to seed items against");
  const taxCode =
    api.country === "US"
      ? undefined
      : (api.taxCodes.find((t) => t.Active !== false && t.Taxable === true) ?? api.taxCodes[0]);
  const net30 = api.terms.find((t) => Number(t.DueDays) === 30);

  const customers: Entity[] = [];
  for (const [i, spec] of CUSTOMERS.entries()) {
    const { email, ...rest } = spec;
    customers.push(
      await api.create("Customer", {
        ...rest,
        PrimaryEmailAddr: { Address: email },
        BillAddr: { Line1: `${100 + i} Main Street`, City: "Springfield", PostalCode: `${10000 + i}` },
        ...(i % 3 === 0 && net30 ? { SalesTermRef: { value: String(net30.Id) } } : {}),
      }),
    );
  }
  const items: Entity[] = [];
  for (const spec of ITEMS)
    items.push(await api.create("Item", { ...spec, IncomeAccountRef: { value: String(income.Id) } }));

  const line = (item: Entity, qty: number) => ({
    DetailType: "SalesItemLineDetail",
    Amount: Math.round(qty * Number(item.UnitPrice) * 100) / 100,
    Description: item.Description,
    SalesItemLineDetail: {
      ItemRef: { value: String(item.Id) },
      Qty: qty,
      UnitPrice: item.UnitPrice,
      ...(taxCode ? { TaxCodeRef: { value: String(taxCode.Id) } } : {}),
    },
  });
  const invoice = (customer: Entity, daysAgo: number, dueIn: number, lines: unknown[], extra: Entity = {}) =>
    api.create("Invoice", {
      CustomerRef: { value: String(customer.Id) },
      TxnDate: addDays(today, -daysAgo),
      DueDate: addDays(today, dueIn - daysAgo),
      Line: lines,
      CustomerMemo: { value: "Thank you for your business." },
      ...extra,
    });
  const pay = (customer: Entity, inv: Entity, amount: number, daysAgo: number) =>
    api.create("Payment", {
      CustomerRef: { value: String(customer.Id) },
      TotalAmt: amount,
      TxnDate: addDays(today, -daysAgo),
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(inv.Id), TxnType: "Invoice" }] }],
    });
  const [amy, bill, cool, diego, dukes, freeman, geeta, jeff] = customers as [
    Entity,
    Entity,
    Entity,
    Entity,
    Entity,
    Entity,
    Entity,
    Entity,
  ];
  const [design, install, consulting, maintenance, fountain, lighting] = items as [
    Entity,
    Entity,
    Entity,
    Entity,
    Entity,
    Entity,
  ];

  // Awaiting send: created, queued to email. BillEmail is sent explicitly rather than left to the
  // customer's default, since QBO may refuse NeedToSend without it (docs/vendors/quickbooks.md §13).
  await invoice(amy, 1, 30, [line(design, 4), line(install, 2)], {
    EmailStatus: "NeedToSend",
    BillEmail: { Address: String((amy.PrimaryEmailAddr as Entity).Address) },
  });
  // Sent, not yet due.
  const sent = await invoice(bill, 5, 30, [line(fountain, 1)]);
  await api.send(String(sent.Id));
  // Partially paid.
  const partial = await invoice(cool, 20, 30, [line(consulting, 10)]);
  await api.send(String(partial.Id));
  await pay(cool, partial, Math.round(Number(partial.TotalAmt) * 40) / 100, 3);
  // Paid in full.
  const paid = await invoice(diego, 40, 15, [line(maintenance, 3), line(lighting, 2)]);
  await api.send(String(paid.Id));
  await pay(diego, paid, Number(paid.TotalAmt), 30);
  // Overdue: due a week ago, unpaid.
  const overdue = await invoice(dukes, 37, 30, [line(install, 6)]);
  await api.send(String(overdue.Id));
  // Voided.
  const voided = await invoice(freeman, 12, 30, [line(design, 2)]);
  await api.voidInvoice(String(voided.Id), String(voided.SyncToken));

  const estimate = (customer: Entity, daysAgo: number, lines: unknown[], status: string) =>
    api.create("Estimate", {
      CustomerRef: { value: String(customer.Id) },
      TxnDate: addDays(today, -daysAgo),
      ExpirationDate: addDays(today, 30 - daysAgo),
      TxnStatus: status,
      Line: lines,
    });
  await estimate(geeta, 2, [line(consulting, 5)], "Pending");
  await estimate(jeff, 10, [line(fountain, 2), line(install, 4)], "Accepted");
}
