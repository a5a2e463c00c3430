import type { Stack } from "./stack.ts";

/** A new unsent QBO invoice of 120.00 for the company's first customer and first service item. */
export async function newQboInvoice(stack: Stack, realmId: string) {
  const q = (sql: string) => stack.qboApi(realmId, "GET", `/query?query=${encodeURIComponent(sql)}`);
  const customer = (await q("select * from Customer maxresults 1")).body.QueryResponse.Customer[0];
  const item = (await q("select * from Item where Type = 'Service' maxresults 1")).body.QueryResponse.Item[0];
  const created = await stack.qboApi(realmId, "POST", "/invoice", {
    CustomerRef: { value: customer.Id },
    Line: [
      {
        DetailType: "SalesItemLineDetail",
        Amount: 120,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 120 },
      },
    ],
  });
  return created.body.Invoice;
}
