import { describe, expect, it } from "vitest";
import {
  describeRun,
  MODEL_FIELDS,
  prng,
  randomOps,
  ReferenceModel,
  SCENARIOS,
  type Op,
  type Scenario,
  type Sides,
} from "../../../../test/support/two-way-model.ts";
import { rememberWritten, type Values } from "../../settings/index.ts";
import { syncSettingsSchema, type SyncSettings } from "../../settings/schema.ts";
import { unchangedInHubSpot } from "../echo.ts";
import { COMPANY_KIND, CONTACT_KIND, PRODUCT_KIND, type RecordKind } from "../kinds.ts";
import { mergePairOf } from "../pairs.ts";
import { flowsTo } from "./decide.ts";
import { mergeRecord, type LinkMemory, type MergePair } from "./merge.ts";
import type { Vendor } from "./side.ts";

/**
 * The model-based test of two-way sync (C2, P2; ADR 0034), fast tier: over 1,000 seeded random
 * sequences of edits on both sides, Ledgerlink's echoes, lost webhooks, reconciles and restarts,
 * for contacts, companies and products under each winner and direction, both sides must hold what
 * the reference model (test/support/two-way-model.ts) says after every operation. The engine here
 * is the real decision code (settings → merge pairs, the three-way merge, the reconcile's echo
 * check, what a link remembers) over in-memory vendors and a link store that keeps only JSON, as a
 * database would. two-way-model.int.test.ts drives the same sequences through the real engine.
 */
const SEED = Number(process.env.TWO_WAY_SEED ?? 20261205);
const PER_SCENARIO = 60;
const LENGTH = 16;
const RECORDS = 2;

const KINDS: Record<Scenario["kind"], RecordKind> = {
  contact: CONTACT_KIND,
  company: COMPANY_KIND,
  product: PRODUCT_KIND,
};

function settingsFor(scenario: Scenario): SyncSettings {
  const s = syncSettingsSchema.parse({});
  const object = scenario.kind === "product" ? s.products : s.contacts;
  object.enabled = true;
  object.direction = scenario.direction;
  object.winner = scenario.winner;
  if (scenario.kind === "company") s.contacts.customerAs = "company";
  return s;
}

/** The vendors: each record's values by field name, when each was last modified, and webhooks of our writes. */
class Vendors {
  seq = 0;
  readonly values: Record<Vendor, Values[]>;
  readonly modified: Record<Vendor, number[]> = { qbo: [], hubspot: [] };
  echoesFromHubspot = new Set<number>();
  echoFromQbo = false;

  constructor(initial: Record<Vendor, Values[]>) {
    this.values = initial;
    this.modified = { qbo: initial.qbo.map(() => 0), hubspot: initial.hubspot.map(() => 0) };
  }

  edit(side: Vendor, record: number, changes: Record<string, string | null>): void {
    for (const [k, v] of Object.entries(changes)) this.values[side][record]![k] = v ?? "";
    this.modified[side][record] = ++this.seq;
  }

  /** Ledgerlink's write: a modification like any other, whose webhook will come back. */
  write(side: Vendor, record: number, changes: Record<string, string | null>): void {
    this.edit(side, record, changes);
    if (side === "hubspot") this.echoesFromHubspot.add(record);
    else this.echoFromQbo = true;
  }
}

/** What record_links keeps, as JSON only: a restart reads nothing else. */
type LinkStore = Map<number, string>;

/** The engine's loop over the real decisions; it caches links in memory, as a long-lived process might. */
class Engine {
  private readonly cache = new Map<number, LinkMemory>();
  private qboCheckpoint = 0;
  private hubspotCheckpoint = 0;

  constructor(
    private readonly vendors: Vendors,
    private readonly store: LinkStore,
    private readonly pairs: MergePair[],
    private readonly settings: SyncSettings,
    private readonly kind: RecordKind,
    checkpoints?: { qbo: number; hubspot: number },
  ) {
    this.qboCheckpoint = checkpoints?.qbo ?? 0;
    this.hubspotCheckpoint = checkpoints?.hubspot ?? 0;
  }

  checkpoints() {
    return { qbo: this.qboCheckpoint, hubspot: this.hubspotCheckpoint };
  }

  private link(record: number): LinkMemory {
    let link = this.cache.get(record);
    if (!link) {
      link = JSON.parse(this.store.get(record)!) as LinkMemory;
      this.cache.set(record, link);
    }
    return link;
  }

  private save(record: number, link: LinkMemory): void {
    this.store.set(record, JSON.stringify(link));
    this.cache.set(record, link);
  }

  /** mergeLinked's steps: read both, merge, write each side, save what each write agreed. */
  look(record: number): void {
    const link = this.link(record);
    const merged = mergeRecord({
      pairs: this.pairs,
      qbo: { ...this.vendors.values.qbo[record] },
      hubspot: { ...this.vendors.values.hubspot[record] },
      link,
      winner: this.kind.settingsOf(this.settings).winner,
    });
    const saved = { ...link, agreed: merged.agreed };
    for (const side of ["hubspot", "qbo"] as const) {
      const changes = merged.writes[side];
      if (Object.keys(changes).length === 0) continue;
      this.vendors.write(side, record, changes);
      const memory = side === "qbo" ? "toQbo" : "toHubspot";
      saved[memory] = rememberWritten(saved[memory], changes);
      saved.agreed = { ...saved.agreed, ...merged.agreedBy[side] };
    }
    this.save(record, saved);
  }

  /** pull-qbo-changes: every record QBO changed since the checkpoint, through the QBO rule. */
  qboPull(): void {
    const since = this.qboCheckpoint;
    this.qboCheckpoint = this.vendors.seq;
    if (!flowsTo(this.kind.settingsOf(this.settings), "hubspot")) return;
    this.vendors.modified.qbo.forEach((at, record) => {
      if (at > since) this.look(record);
    });
  }

  /** The HubSpot event rule for one record. */
  hubspotEvent(record: number): void {
    if (!flowsTo(this.kind.settingsOf(this.settings), "qbo")) return;
    this.look(record);
  }

  /** The HubSpot reconcile: modified since the checkpoint, skipping what carries no change (echo.ts). */
  hubspotReconcile(): void {
    const since = this.hubspotCheckpoint;
    this.hubspotCheckpoint = this.vendors.seq;
    if (!flowsTo(this.kind.settingsOf(this.settings), "qbo")) return;
    const toQbo = this.pairs.filter((p) => p.toQbo);
    this.vendors.modified.hubspot.forEach((at, record) => {
      if (at <= since) return;
      const properties = this.vendors.values.hubspot[record]!;
      const link = this.link(record);
      if (toQbo.every((pair) => unchangedInHubSpot(pair, properties, link))) return;
      this.look(record);
    });
  }
}

/** Runs one sequence through the engine, checking both sides against the model after each step. */
function run(seed: number, scenario: Scenario, ops: Op[]): void {
  const fields = MODEL_FIELDS[scenario.kind];
  const kind = KINDS[scenario.kind];
  const settings = settingsFor(scenario);
  const pairs = fields.map((f) =>
    mergePairOf(
      { hubspotProperty: f.hubspotProperty, qboField: f.qboField, direction: "both" },
      kind,
      settings,
    ),
  ) as MergePair[];
  const initial = Array.from({ length: RECORDS }, () => fields.map((f) => f.initial));
  const model = new ReferenceModel(initial, scenario);
  const valuesOf = (side: Vendor) =>
    initial.map((row) =>
      Object.fromEntries(pairs.map((p, i) => [side === "qbo" ? p.field.path : p.hubspotProperty, row[i]!])),
    );
  const vendors = new Vendors({ qbo: valuesOf("qbo"), hubspot: valuesOf("hubspot") });
  // Each link was made by a create that agreed on every value (what incremental.ts's create saves).
  const store: LinkStore = new Map();
  initial.forEach((_, r) => store.set(r, JSON.stringify({ agreed: {}, toHubspot: {}, toQbo: {} })));
  initial.forEach((_, r) => new Engine(vendors, store, pairs, settings, kind).look(r));
  let engine = new Engine(vendors, store, pairs, settings, kind);

  const sides = (): Sides => ({
    qbo: vendors.values.qbo.map((v) => pairs.map((p) => v[p.field.path] ?? "")),
    hubspot: vendors.values.hubspot.map((v) => pairs.map((p) => v[p.hubspotProperty] ?? "")),
  });
  ops.forEach((op, step) => {
    switch (op.op) {
      case "edit": {
        const pair = pairs[op.field]!;
        const name = op.side === "qbo" ? pair.field.path : pair.hubspotProperty;
        vendors.edit(op.side, op.record, { [name]: op.value });
        if (op.delivered) {
          if (op.side === "qbo") engine.qboPull();
          else engine.hubspotEvent(op.record);
        }
        break;
      }
      case "echo": {
        const records = [...vendors.echoesFromHubspot].sort((a, b) => a - b);
        const qbo = vendors.echoFromQbo;
        vendors.echoesFromHubspot.clear();
        vendors.echoFromQbo = false;
        for (const r of records) engine.hubspotEvent(r);
        if (qbo) engine.qboPull();
        break;
      }
      case "lose-echoes":
        vendors.echoesFromHubspot.clear();
        vendors.echoFromQbo = false;
        break;
      case "reconcile":
        engine.qboPull();
        engine.hubspotReconcile();
        break;
      case "restart":
        // Checkpoints live in sync_checkpoints, links in record_links: only the cache is lost.
        engine = new Engine(vendors, store, pairs, settings, kind, engine.checkpoints());
        break;
    }
    model.apply(op);
    const got = sides();
    const want = model.sides();
    if (JSON.stringify(got) !== JSON.stringify(want))
      expect(
        got,
        `${describeRun(seed, scenario, ops, step)}\nreplay with TWO_WAY_SEED=${SEED} (this sequence's seed: ${seed})`,
      ).toEqual(want);
  });
}

describe("two-way sync converges on what the rules say: model-based, fast tier (C2, P2, M2; ADR 0034)", () => {
  it(`holds over ${SCENARIOS.length * PER_SCENARIO} seeded random sequences, every kind, winner and direction`, () => {
    const rand = prng(SEED);
    let sequences = 0;
    let writes = 0;
    for (const scenario of SCENARIOS) {
      for (let i = 0; i < PER_SCENARIO; i++) {
        const seed = Math.floor(rand() * 2 ** 31);
        const pools = MODEL_FIELDS[scenario.kind].map((f) => f.pool);
        const ops = randomOps(prng(seed), LENGTH, RECORDS, pools);
        run(seed, scenario, ops);
        sequences += 1;
        writes += ops.filter((o) => o.op === "edit").length;
      }
    }
    expect(sequences).toBeGreaterThanOrEqual(1000);
    expect(writes).toBeGreaterThan(sequences * 5);
  });

  it("replays the issue's phone scenario: QBO's change followed, then HubSpot's alone reaches QBO", () => {
    const ops: Op[] = [
      { op: "edit", side: "qbo", record: 0, field: 0, value: "555-0101", delivered: true },
      { op: "echo" },
      { op: "edit", side: "hubspot", record: 0, field: 0, value: "555-0102", delivered: true },
      { op: "reconcile" },
    ];
    for (const kind of ["contact", "company"] as const)
      run(0, { kind, winner: "qbo", direction: "two_way" }, ops);
  });
});
