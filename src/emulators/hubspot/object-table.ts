import type { HsRecord } from "./contract.ts";

/** One entry of `propertiesWithHistory` (newest first in the list). */
export interface HistoryEntry {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
}

export interface StoredRecord extends HsRecord {
  history: Record<string, HistoryEntry[]>;
  archivedAt?: string;
}

/**
 * The records of one object type in one portal. Ids are handed out in increasing order, so the
 * `order` list stays sorted by appending, and a page is a binary search plus a slice: listing
 * 10,000 contacts 100 at a time never copies the table.
 */
export class ObjectTable {
  readonly records = new Map<string, StoredRecord>();
  readonly #order: number[] = [];
  /** Unique-value property → lower-cased value → record id (live records only). */
  readonly #unique = new Map<string, Map<string, string>>();

  get size(): number {
    return this.records.size;
  }

  get(id: string): StoredRecord | undefined {
    return this.records.get(id);
  }

  insert(record: StoredRecord): void {
    const id = Number(record.id);
    this.records.set(record.id, record);
    const last = this.#order[this.#order.length - 1];
    if (last === undefined || id > last) this.#order.push(id);
    else this.#order.splice(this.#lowerBound(id), 0, id);
  }

  /** Live (or, with `archived`, archived) records from the one with id ≥ `after`, at most `limit`. */
  page(
    after: string | undefined,
    limit: number,
    archived: boolean,
  ): { records: StoredRecord[]; next?: string } {
    const start = after && /^\d+$/.test(after) ? this.#lowerBound(Number(after)) : 0;
    const out: StoredRecord[] = [];
    for (let i = start; i < this.#order.length; i++) {
      const record = this.records.get(String(this.#order[i]));
      if (!record || record.archived !== archived) continue;
      if (out.length === limit) return { records: out, next: record.id };
      out.push(record);
    }
    return { records: out };
  }

  /** Every record in id order (archived ones only when asked). */
  *all(archived = false): Generator<StoredRecord> {
    for (const id of this.#order) {
      const record = this.records.get(String(id));
      if (record && record.archived === archived) yield record;
    }
  }

  findUnique(property: string, value: string): StoredRecord | undefined {
    const id = this.#unique.get(property)?.get(value.toLowerCase());
    return id === undefined ? undefined : this.records.get(id);
  }

  setUnique(
    property: string,
    oldValue: string | null | undefined,
    newValue: string | null,
    id: string,
  ): void {
    let index = this.#unique.get(property);
    if (!index) {
      index = new Map();
      this.#unique.set(property, index);
    }
    if (oldValue && index.get(oldValue.toLowerCase()) === id) index.delete(oldValue.toLowerCase());
    if (newValue) index.set(newValue.toLowerCase(), id);
  }

  #lowerBound(id: number): number {
    let lo = 0;
    let hi = this.#order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#order[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
