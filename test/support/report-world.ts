import type { Stack } from "./stack.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- QBO and HubSpot JSON, read as the vendors send it */

/**
 * The reports' test world (W4): invoices made by QuickBooks users across five months, in two
 * currencies, some paid (one payment split over two invoices), followed from deals of different
 * owners (one from a contact only), and the worker run so Ledgerlink has synced them. The
 * figures to expect are computed separately from the emulators' own data (`independentFigures`).
 */
export interface WorldInvoice {
  company: "us" | "uk";
  id: string;
  dealName?: string;
}

const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;

async function createInvoice(
  stack: Stack,
  company: "us" | "uk",
  o: { amount: number; txnDate: string; dueDate: string },
) {
  const realm = stack.companies[company].realmId;
  const customer = (await stack.qboApi(realm, "GET", q("SELECT * FROM Customer"))).body.QueryResponse
    .Customer[0];
  const item = (await stack.qboApi(realm, "GET", q("SELECT * FROM Item WHERE Name = 'Consulting hour'"))).body
    .QueryResponse.Item[0];
  // Outside the US every line needs a tax code (I5).
  const tax =
    company === "uk"
      ? {
          TaxCodeRef: {
            value: (await stack.qboApi(realm, "GET", q("SELECT * FROM TaxCode"))).body.QueryResponse
              .TaxCode[0].Id,
          },
        }
      : {};
  const res = await stack.qboApi(realm, "POST", "/invoice", {
    CustomerRef: { value: customer.Id },
    TxnDate: o.txnDate,
    DueDate: o.dueDate,
    Line: [
      {
        DetailType: "SalesItemLineDetail",
        Amount: o.amount,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: o.amount, ...tax },
      },
    ],
  });
  if (res.status !== 200) throw new Error(`invoice: ${JSON.stringify(res.body)}`);
  return res.body.Invoice;
}

async function pay(stack: Stack, company: "us" | "uk", txnDate: string, lines: Array<[any, number]>) {
  const realm = stack.companies[company].realmId;
  const total = lines.reduce((s, [, a]) => s + a, 0);
  const res = await stack.qboApi(realm, "POST", "/payment", {
    CustomerRef: lines[0]![0].CustomerRef,
    TxnDate: txnDate,
    TotalAmt: total,
    Line: lines.map(([inv, amount]) => ({
      Amount: amount,
      LinkedTxn: [{ TxnId: inv.Id, TxnType: "Invoice" }],
    })),
  });
  if (res.status !== 200) throw new Error(`payment: ${JSON.stringify(res.body)}`);
}

async function dealId(stack: Stack, name: string): Promise<string> {
  const deals = await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname");
  const deal = deals.body.results.find((d: any) => d.properties.dealname === name);
  if (!deal) throw new Error(`no deal named ${name}`);
  return deal.id;
}

/** Builds the world at "today" = 2026-11-02 in both companies, and lets the worker sync it. */
export async function buildReportWorld(stack: Stack): Promise<WorldInvoice[]> {
  const inv = (company: "us" | "uk", amount: number, txnDate: string, dueDate: string) =>
    createInvoice(stack, company, { amount, txnDate, dueDate });
  const a = await inv("us", 1000, "2026-07-10", "2026-08-09"); // open, 85 days late
  const b = await inv("us", 500, "2026-08-15", "2026-09-14"); // part paid twice, 49 days late
  const c = await inv("us", 750, "2026-09-01", "2026-10-01"); // paid in full on 10-05
  const d = await inv("us", 300, "2026-10-10", "2026-10-20"); // open, 13 days late
  const e = await inv("us", 1200, "2026-10-20", "2026-11-19"); // current, part paid
  const f = await inv("us", 90, "2026-06-01", "2026-07-01"); // open, over 90 days, on no deal
  const g = await inv("us", 640, "2026-09-10", "2026-09-25"); // paid in full by a split payment
  const h = await inv("uk", 400, "2026-10-01", "2026-10-31"); // GBP, open, 2 days late
  const world: Array<[string, any, string | undefined]> = [
    ["us", a, "Acme – onboarding"],
    ["us", b, "Globex – training"],
    ["us", c, "Initech – consulting"],
    ["us", d, "Acme – annual licence renewal"],
    ["us", e, "Globex – licence expansion"],
    ["us", f, undefined],
    ["us", g, "Umbrella – pilot"],
    ["uk", h, "Umbrella – support"],
  ];
  for (const [company, invoice, deal] of world) {
    const links = deal
      ? [{ objectType: "deals" as const, objectId: await dealId(stack, deal) }]
      : [{ objectType: "contacts" as const, objectId: await firstContact(stack) }];
    await stack.follow(company as "us" | "uk", [invoice], links);
  }
  await stack.drain();
  await pay(stack, "us", "2026-09-20", [[b, 200]]);
  await pay(stack, "us", "2026-10-05", [[c, 750]]);
  await pay(stack, "us", "2026-10-02", [
    [g, 640],
    [b, 100],
  ]);
  await pay(stack, "us", "2026-10-28", [[e, 400]]);
  await pay(stack, "uk", "2026-10-30", [[h, 100]]);
  await stack.qboControl("/webhooks/flush", {});
  await stack.drain();
  return world.map(([company, invoice, deal]) => ({
    company: company as "us" | "uk",
    id: invoice.Id,
    dealName: deal,
  }));
}

async function firstContact(stack: Stack): Promise<string> {
  return (await stack.hs("GET", "/crm/v3/objects/contacts?limit=1")).body.results[0].id;
}
