import type { EntityName, Entity } from "./entities.ts";
import { TRANSACTIONS } from "./entities.ts";
import { companyDateTime } from "./time.ts";

export interface CompanySettings {
  realmId: string;
  name: string;
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  customTxnNumbers: boolean;
  timeZone: string;
}

/** A deleted transaction, kept so CDC can report it (`status: "Deleted"`, docs/vendors/quickbooks.md §6). */
export interface Tombstone {
  entity: EntityName;
  id: string;
  at: string;
}

export type Operation = "Create" | "Update" | "Delete" | "Merge" | "Void" | "Emailed";

export interface ChangeEvent {
  entity: EntityName;
  id: string;
  operation: Operation;
  at: Date;
}

/** The first answer to a write that carried `?requestid=` (docs/vendors/quickbooks.md §4.7). */
export interface StoredResponse {
  status: number;
  body: string;
  at: string;
}

export interface SentEmail {
  entity: EntityName;
  id: string;
  to: string;
  at: string;
}

export interface CompanyJson {
  settings: CompanySettings;
  tables: Partial<Record<EntityName, Entity[]>>;
  tombstones: Tombstone[];
  counters: Record<string, number>;
  requestIds: Record<string, StoredResponse>;
  outbox: SentEmail[];
}

/**
 * One QuickBooks company (realm): its entities by type and id, tombstones for CDC, stored
 * `requestid` answers and the emails "sent". Entities are kept in their wire shape so a read
 * is a copy, not a conversion.
 */
export class Company {
  readonly tables = new Map<EntityName, Map<string, Entity>>();
  tombstones: Tombstone[] = [];
  requestIds = new Map<string, StoredResponse>();
  outbox: SentEmail[] = [];
  /** Changes since the last drain; the app turns them into webhook notifications. */
  pendingEvents: ChangeEvent[] = [];
  #counters: Record<string, number>;
  /** `Entity.field` → name key → ids: QBO's name uniqueness (6240) without scanning the list. */
  readonly #names = new Map<string, Map<string, Set<string>>>();

  constructor(
    readonly settings: CompanySettings,
    counters: Record<string, number> = {},
  ) {
    this.#counters = { ...counters };
  }

  table(entity: EntityName): Map<string, Entity> {
    let table = this.tables.get(entity);
    if (!table) {
      table = new Map();
      this.tables.set(entity, table);
    }
    return table;
  }

  list(entity: EntityName): Entity[] {
    return [...this.table(entity).values()];
  }

  get(entity: EntityName, id: string): Entity | undefined {
    return this.table(entity).get(id);
  }

  /**
   * Transactions share one id sequence and each name list has its own, as in a real company
   * (invoice 130 and payment 131 can never collide in `LinkedTxn`).
   */
  nextId(entity: EntityName): string {
    const key = TRANSACTIONS.has(entity) ? "txn" : entity;
    // Reference data arrives with its own ids; the sequence starts above them.
    const value =
      this.#counters[key] ??
      (key === "txn" ? 101 : Math.max(0, ...[...this.table(entity).keys()].map(Number)) + 1);
    this.#counters[key] = value + 1;
    return String(value);
  }

  /** The next auto-assigned DocNumber for a transaction type (QBO starts at 1001). */
  nextDocNumber(entity: EntityName): string {
    return this.nextCounter(`doc:${entity}`, 1001);
  }

  /** A named sequence (address ids, DocNumbers), kept with the company's state. */
  nextCounter(key: string, start = 1): string {
    const value = this.#counters[key] ?? start;
    this.#counters[key] = value + 1;
    return String(value);
  }

  stamp(now: Date): string {
    return companyDateTime(now, this.settings.timeZone);
  }

  /** Stores an entity, bumping SyncToken and MetaData as QBO does on every write. */
  put(entity: EntityName, value: Entity, now: Date, operation: Operation): Entity {
    const id = String(value.Id);
    const previous = this.get(entity, id);
    const stamp = this.stamp(now);
    const previousMeta = (previous?.MetaData ?? {}) as Record<string, unknown>;
    const stored: Entity = {
      ...value,
      domain: "QBO",
      sparse: false,
      Id: id,
      SyncToken: previous ? String(Number(previous.SyncToken ?? 0) + 1) : "0",
      MetaData: { CreateTime: previousMeta.CreateTime ?? stamp, LastUpdatedTime: stamp },
    };
    this.table(entity).set(id, stored);
    this.#reindex(entity, id, previous, stored);
    this.pendingEvents.push({ entity, id, operation, at: now });
    return stored;
  }

  /** The ids of a list's records whose `field` reads `name` (trimmed, in any case). */
  idsNamed(entity: EntityName, field: string, name: string): ReadonlySet<string> {
    const key = `${entity}.${field}`;
    let index = this.#names.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.table(entity).values()) addName(index, row[field], String(row.Id));
      this.#names.set(key, index);
    }
    return index.get(nameKey(name)) ?? new Set();
  }

  #reindex(entity: EntityName, id: string, before: Entity | undefined, after: Entity | undefined): void {
    for (const [key, index] of this.#names) {
      const [indexed, field] = key.split(".") as [string, string];
      if (indexed !== entity) continue;
      if (before && typeof before[field] === "string") index.get(nameKey(before[field]))?.delete(id);
      if (after) addName(index, after[field], id);
    }
  }

  remove(entity: EntityName, id: string, now: Date): void {
    this.#reindex(entity, id, this.get(entity, id), undefined);
    this.table(entity).delete(id);
    this.tombstones.push({ entity, id, at: now.toISOString() });
    this.pendingEvents.push({ entity, id, operation: "Delete", at: now });
  }

  drainEvents(): ChangeEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }

  toJSON(): CompanyJson {
    const tables: Partial<Record<EntityName, Entity[]>> = {};
    for (const [name, table] of this.tables) tables[name] = [...table.values()];
    return {
      settings: this.settings,
      tables,
      tombstones: this.tombstones,
      counters: { ...this.#counters },
      requestIds: Object.fromEntries(this.requestIds),
      outbox: this.outbox,
    };
  }

  static fromJSON(json: CompanyJson): Company {
    const company = new Company(json.settings, json.counters);
    for (const [name, rows] of Object.entries(json.tables) as Array<[EntityName, Entity[]]>) {
      const table = company.table(name);
      for (const row of rows) table.set(String(row.Id), row);
    }
    company.tombstones = json.tombstones;
    company.requestIds = new Map(Object.entries(json.requestIds));
    company.outbox = json.outbox;
    return company;
  }
}

/** How QBO compares names for uniqueness: trimmed, case-insensitive. */
export const nameKey = (name: string) => name.trim().toLowerCase();

function addName(index: Map<string, Set<string>>, name: unknown, id: string): void {
  if (typeof name !== "string") return;
  const key = nameKey(name);
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}
