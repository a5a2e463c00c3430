import { createEmulatorClock } from "../kit/index.ts";
import { createQboEmulator } from "./app.ts";

export interface QboBenchResult {
  ms: number;
  created: number;
  read: number;
  requests: number;
}

/**
 * Issue 3's yardstick: `n` invoices created through the API and read back page by page
 * (MAXRESULTS 1000), in-process with rate limits off.
 */
export async function benchQboInvoices(n = 1000): Promise<QboBenchResult> {
  const emulator = createQboEmulator({ clock: createEmulatorClock({ frozen: true }), rateLimits: false });
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await emulator.fetch(new Request(`http://qbo.test${path}`, init));
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const { realmId } = (await call("/__emulator/companies", {
    method: "POST",
    body: JSON.stringify({ name: "Bench", country: "US" }),
  })) as { realmId: string };
  const { access_token } = (await call("/__emulator/tokens", {
    method: "POST",
    body: JSON.stringify({ realmId }),
  })) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}`, "content-type": "application/json" };
  const api = (path: string, body?: unknown) =>
    call(
      `/v3/company/${realmId}${path}`,
      body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) },
    );

  const started = performance.now();
  let requests = 0;
  const income = (
    (await api("/query?query=select%20*%20from%20Account%20where%20AccountType%3D'Income'"))
      .QueryResponse as { Account: Array<{ Id: string }> }
  ).Account[0]!;
  const customer = (await api("/customer", { DisplayName: "Bench Customer" })).Customer as { Id: string };
  const item = (
    await api("/item", { Name: "Bench Item", UnitPrice: 10, IncomeAccountRef: { value: income.Id } })
  ).Item as { Id: string };
  requests += 3;
  for (let i = 0; i < n; i++) {
    await api("/invoice", {
      CustomerRef: { value: customer.Id },
      Line: [
        {
          DetailType: "SalesItemLineDetail",
          Amount: 10 * (i + 1),
          SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: i + 1, UnitPrice: 10 },
        },
      ],
    });
    requests += 1;
  }
  let read = 0;
  for (let start = 1; ; start += 1000) {
    const q = encodeURIComponent(`select * from Invoice startposition ${start} maxresults 1000`);
    const page = (await api(`/query?query=${q}`)).QueryResponse as { Invoice?: unknown[] };
    requests += 1;
    read += page.Invoice?.length ?? 0;
    if ((page.Invoice?.length ?? 0) < 1000) break;
  }
  const ms = performance.now() - started;
  emulator.close();
  return { ms, created: n, read, requests };
}
