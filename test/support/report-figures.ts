import type { Stack } from "./stack.ts";
import type { WorldInvoice } from "./report-world.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- QBO and HubSpot JSON, read as the vendors send it */

/**
 * The reports' expected figures, computed here from the emulators' own data (QBO's invoices and
 * payments through its query API, HubSpot's deals and owners), never through Ledgerlink's code:
 * the test compares Ledgerlink's pages and CSV files against these.
 */
export interface Figures {
  monthly: Map<string, { invoiced: number; collected: number }>;
  aging: Record<"current" | "1-30" | "31-60" | "61-90" | "90+", number>;
  overdue: string[];
  owners: Map<string, { invoiced: number; collected: number; open: number }>;
  pipelines: Map<string, { invoiced: number; collected: number; open: number }>;
  averageDaysToPay: number | null;
}

const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;
const cents = (v: unknown) => Math.round(Number(v) * 100);
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export async function independentFigures(
  stack: Stack,
  world: WorldInvoice[],
  opts: { company: "us" | "uk"; today: string; from?: string; to?: string; owner?: string },
): Promise<Figures> {
  const realm = stack.companies[opts.company].realmId;
  const invoices: any[] = (await stack.qboApi(realm, "GET", q("SELECT * FROM Invoice MAXRESULTS 1000"))).body
    .QueryResponse.Invoice;
  const payments: any[] =
    (await stack.qboApi(realm, "GET", q("SELECT * FROM Payment MAXRESULTS 1000"))).body.QueryResponse
      .Payment ?? [];
  const owners: any[] = (await stack.hs("GET", "/crm/v3/owners")).body.results;
  const deals: any[] = (
    await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname,hubspot_owner_id,pipeline")
  ).body.results;
  const pipelines: any[] = (await stack.hs("GET", "/crm/v3/pipelines/deals")).body.results;
  const ours = world.filter((w) => w.company === opts.company);
  const inRange = (d: string) => (!opts.from || d >= opts.from) && (!opts.to || d <= opts.to);

  const rows = ours.map((w) => {
    const inv = invoices.find((i) => i.Id === w.id);
    const deal = deals.find((d) => d.properties.dealname === w.dealName);
    const owner = owners.find((o) => o.id === deal?.properties.hubspot_owner_id);
    const pipeline = pipelines.find((p) => p.id === deal?.properties.pipeline);
    const paid = payments.flatMap((p) =>
      p.Line.filter((l: any) =>
        l.LinkedTxn.some((t: any) => t.TxnId === w.id && t.TxnType === "Invoice"),
      ).map((l: any) => ({ date: p.TxnDate as string, cents: cents(l.Amount) })),
    );
    return {
      number: String(inv.DocNumber),
      txnDate: inv.TxnDate as string,
      dueDate: inv.DueDate as string,
      total: cents(inv.TotalAmt),
      balance: cents(inv.Balance),
      ownerId: owner?.id as string | undefined,
      owner: owner ? `${owner.firstName} ${owner.lastName}` : "(none)",
      pipeline: pipeline?.label ?? "(none)",
      paid,
    };
  });
  const scoped = rows.filter((r) => !opts.owner || r.ownerId === opts.owner);
  const f: Figures = {
    monthly: new Map(),
    aging: { current: 0, "1-30": 0, "31-60": 0, "61-90": 0, "90+": 0 },
    overdue: [],
    owners: new Map(),
    pipelines: new Map(),
    averageDaysToPay: null,
  };
  const month = (d: string) => {
    const m = d.slice(0, 7);
    if (!f.monthly.has(m)) f.monthly.set(m, { invoiced: 0, collected: 0 });
    return f.monthly.get(m)!;
  };
  const group = (map: Figures["owners"], key: string) => {
    if (!map.has(key)) map.set(key, { invoiced: 0, collected: 0, open: 0 });
    return map.get(key)!;
  };
  const settled: number[] = [];
  for (const r of scoped) {
    const issued = inRange(r.txnDate);
    if (issued) {
      month(r.txnDate).invoiced += r.total;
      group(f.owners, r.owner).invoiced += r.total;
      group(f.pipelines, r.pipeline).invoiced += r.total;
    }
    for (const p of r.paid.filter((p) => inRange(p.date))) {
      month(p.date).collected += p.cents;
      group(f.owners, r.owner).collected += p.cents;
      group(f.pipelines, r.pipeline).collected += p.cents;
    }
    if (r.balance > 0 && issued) {
      group(f.owners, r.owner).open += r.balance;
      group(f.pipelines, r.pipeline).open += r.balance;
      const late = days(r.dueDate, opts.today);
      const bucket =
        late <= 0 ? "current" : late <= 30 ? "1-30" : late <= 60 ? "31-60" : late <= 90 ? "61-90" : "90+";
      f.aging[bucket] += r.balance;
      if (late > 0) f.overdue.push(r.number);
    }
    const lastPaid = r.paid
      .map((p) => p.date)
      .sort()
      .at(-1);
    if (r.balance === 0 && lastPaid && inRange(lastPaid)) settled.push(days(r.txnDate, lastPaid));
  }
  f.averageDaysToPay = settled.length ? settled.reduce((a, b) => a + b, 0) / settled.length : null;
  return f;
}
