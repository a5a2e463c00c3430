import type { Vendor } from "../../src/features/record-sync/engine/side.ts";

/**
 * The two-way sync's model-based test, shared by its fast tier (the pure merge in an in-memory
 * harness) and its engine tier (the real engine, emulators and database): a seeded generator of
 * operation sequences and a reference model that says what both sides must hold after each one.
 *
 * The reference model is written from the rules, not from the code: per field it keeps QBO's value,
 * HubSpot's value and the last value both agreed on, and it applies the rule at exactly the moments
 * a real Ledgerlink looks at a record:
 *  - a QBO webhook makes Ledgerlink read every record QBO changed since its last read (CDC), its
 *    own writes included; a HubSpot webhook makes it look at that one record;
 *  - a reconcile reads QBO's changes, then looks at every HubSpot record;
 *  - a lost webhook is an edit nobody is told of; a restart changes nothing (all state is durable);
 *  - a one-way sync does not listen to the side it never writes from.
 */

/** A tiny PRNG (mulberry32): the same seed gives the same sequences on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Direction = "two_way" | "to_hubspot" | "to_qbo";
export type KindName = "contact" | "company" | "product";

export type Op =
  /** A user edits one field on one side; the vendor's webhook arrives (`delivered`) or is lost. */
  | { op: "edit"; side: Vendor; record: number; field: number; value: string; delivered: boolean }
  /** The webhooks of Ledgerlink's own last writes arrive (its echoes). */
  | { op: "echo" }
  /** The webhooks of Ledgerlink's own last writes are lost. */
  | { op: "lose-echoes" }
  | { op: "reconcile" }
  /** The engine is created again from the database. */
  | { op: "restart" };

export interface Scenario {
  kind: KindName;
  winner: Vendor;
  direction: Direction;
}

export const SCENARIOS: Scenario[] = (["contact", "company", "product"] as const).flatMap((kind) =>
  (["qbo", "hubspot"] as const).flatMap((winner) =>
    (["two_way", "to_hubspot", "to_qbo"] as const).map((direction) => ({ kind, winner, direction })),
  ),
);

/** A random sequence over `records` records whose field i takes values from pools[i]. */
export function randomOps(rand: () => number, length: number, records: number, pools: string[][]): Op[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ops: Op[] = [];
  for (let i = 0; i < length; i++) {
    const r = rand();
    if (r < 0.6) {
      const field = Math.floor(rand() * pools.length);
      ops.push({
        op: "edit",
        side: rand() < 0.5 ? "qbo" : "hubspot",
        record: Math.floor(rand() * records),
        field,
        value: pick(pools[field]!),
        delivered: rand() < 0.7,
      });
    } else if (r < 0.75) ops.push({ op: "echo" });
    else if (r < 0.82) ops.push({ op: "lose-echoes" });
    else if (r < 0.93) ops.push({ op: "reconcile" });
    else ops.push({ op: "restart" });
  }
  return ops;
}

/** What both sides hold, by record and field. */
export interface Sides {
  qbo: string[][];
  hubspot: string[][];
}

export class ReferenceModel {
  readonly qbo: string[][];
  readonly hubspot: string[][];
  private readonly agreed: string[][];
  /** Records QBO changed since Ledgerlink last read its changes (CDC). */
  private changedInQbo = new Set<number>();
  /** Records Ledgerlink wrote into HubSpot whose webhook has not come back yet. */
  private echoesFromHubspot = new Set<number>();
  private echoFromQbo = false;

  constructor(
    initial: string[][],
    private readonly scenario: Scenario,
  ) {
    this.qbo = initial.map((r) => [...r]);
    this.hubspot = initial.map((r) => [...r]);
    this.agreed = initial.map((r) => [...r]);
  }

  apply(op: Op): void {
    switch (op.op) {
      case "edit":
        if (op.side === "qbo") {
          this.qbo[op.record]![op.field] = op.value;
          this.changedInQbo.add(op.record);
          if (op.delivered) this.qboWebhook();
        } else {
          this.hubspot[op.record]![op.field] = op.value;
          if (op.delivered) this.hubspotLooksAt(op.record);
        }
        return;
      case "echo": {
        const records = [...this.echoesFromHubspot].sort((a, b) => a - b);
        const qbo = this.echoFromQbo;
        this.echoesFromHubspot.clear();
        this.echoFromQbo = false;
        for (const r of records) this.hubspotLooksAt(r);
        if (qbo) this.qboWebhook();
        return;
      }
      case "lose-echoes":
        this.echoesFromHubspot.clear();
        this.echoFromQbo = false;
        return;
      case "reconcile":
        this.qboWebhook();
        for (let r = 0; r < this.qbo.length; r++) this.hubspotLooksAt(r);
        return;
      case "restart":
        return;
    }
  }

  /** The webhooks of Ledgerlink's own writes still to come: HubSpot records, and whether QBO has one. */
  echoes(): { hubspot: number[]; qbo: boolean } {
    return { hubspot: [...this.echoesFromHubspot].sort((a, b) => a - b), qbo: this.echoFromQbo };
  }

  sides(): Sides {
    return { qbo: this.qbo.map((r) => [...r]), hubspot: this.hubspot.map((r) => [...r]) };
  }

  private qboWebhook(): void {
    const records = [...this.changedInQbo].sort((a, b) => a - b);
    this.changedInQbo.clear();
    if (this.scenario.direction === "to_qbo") return; // QBO is never read from
    for (const r of records) this.rule(r);
  }

  private hubspotLooksAt(record: number): void {
    if (this.scenario.direction === "to_hubspot") return; // HubSpot is never read from
    this.rule(record);
  }

  /** The rule, per field: equal is agreed; one side changed → the other; both → the winner. */
  private rule(r: number): void {
    const { direction, winner } = this.scenario;
    const mayWrite = { hubspot: direction !== "to_qbo", qbo: direction !== "to_hubspot" };
    const q = this.qbo[r]!;
    const h = this.hubspot[r]!;
    const a = this.agreed[r]!;
    for (let f = 0; f < q.length; f++) {
      if (q[f] === h[f]) {
        a[f] = q[f]!;
        continue;
      }
      const qChanged = q[f] !== a[f];
      const hChanged = h[f] !== a[f];
      let from: Vendor;
      if (qChanged && hChanged)
        from = direction === "two_way" ? winner : direction === "to_hubspot" ? "qbo" : "hubspot";
      else from = qChanged ? "qbo" : "hubspot";
      const to: Vendor = from === "qbo" ? "hubspot" : "qbo";
      if (!mayWrite[to]) continue;
      const value = from === "qbo" ? q[f]! : h[f]!;
      if (to === "hubspot") {
        h[f] = value;
        this.echoesFromHubspot.add(r);
      } else {
        q[f] = value;
        this.changedInQbo.add(r);
        this.echoFromQbo = true;
      }
      a[f] = value;
    }
  }
}

/** A readable account of a failing sequence: its seed, scenario and operations. */
export function describeRun(seed: number, scenario: Scenario, ops: Op[], step: number): string {
  const line = (op: Op, i: number) =>
    `${i === step ? "→" : " "} ${i}: ${
      op.op === "edit"
        ? `edit ${op.side} record ${op.record} field ${op.field} = "${op.value}"${op.delivered ? "" : " (webhook lost)"}`
        : op.op
    }`;
  return [
    `seed ${seed}, ${scenario.kind}, winner ${scenario.winner}, ${scenario.direction}`,
    ...ops.map(line),
  ].join("\n");
}

/** The mapped fields each kind's sequences edit, with the values a user types into them. */
export interface ModelField {
  /** The contact mapping's HubSpot property (the kind renames it for companies). */
  hubspotProperty: string;
  qboField: string;
  initial: string;
  pool: string[];
}

const PHONE: ModelField = {
  hubspotProperty: "phone",
  qboField: "PrimaryPhone.FreeFormNumber",
  initial: "555-0100",
  pool: ["", "555-0101", "555-0102", "555-0103"],
};
const CITY: ModelField = {
  hubspotProperty: "city",
  qboField: "BillAddr.City",
  initial: "Tokyo",
  pool: ["", "Osaka", "Kyoto", "Nara"],
};

export const MODEL_FIELDS: Record<KindName, ModelField[]> = {
  contact: [PHONE, CITY],
  company: [PHONE, CITY],
  product: [
    {
      hubspotProperty: "description",
      qboField: "Description",
      initial: "Plain",
      pool: ["", "Blue", "Red", "Green"],
    },
    // A money field cleared in QBO reads back 0, so prices are only ever changed, never cleared.
    { hubspotProperty: "price", qboField: "UnitPrice", initial: "5", pool: ["10", "20", "30"] },
    // A property named in snake_case, as most of HubSpot's are: what is remembered of it must come
    // back from the database under its own name (ADR 0046).
    {
      hubspotProperty: "hs_cost_of_goods_sold",
      qboField: "PurchaseCost",
      initial: "2",
      pool: ["3", "4", "6"],
    },
  ],
};
