import { associationType, defaultAssociationType } from "./association-types.ts";

export interface AssociationLink {
  toId: string;
  typeIds: number[];
}

/** One stored direction: from → to with its type ids (for --state). */
export type AssociationRow = [
  fromType: string,
  fromId: string,
  toType: string,
  toId: string,
  typeIds: number[],
];

/**
 * Associations of one portal, kept in both directions so that reading either side is a lookup:
 * `fromType:fromId` → toType → toId → type ids. Every write goes through `add`/`remove`, which
 * mirror each type id with its reverse.
 */
export class AssociationIndex {
  readonly #links = new Map<string, Map<string, Map<string, Set<number>>>>();

  list(fromType: string, fromId: string, toType: string): AssociationLink[] {
    const byTo = this.#links.get(`${fromType}:${fromId}`)?.get(toType);
    if (!byTo) return [];
    return [...byTo]
      .map(([toId, types]) => ({ toId, typeIds: [...types].sort((a, b) => a - b) }))
      .sort((a, b) => Number(a.toId) - Number(b.toId));
  }

  has(fromType: string, fromId: string, toType: string, toId: string): boolean {
    return (this.#links.get(`${fromType}:${fromId}`)?.get(toType)?.get(toId)?.size ?? 0) > 0;
  }

  /**
   * Adds type ids (of the from → to direction) and their reverses; a labeled type brings the
   * unlabeled one with it. Returns the forward type ids that were not there before.
   */
  add(fromType: string, fromId: string, toType: string, toId: string, typeIds: number[]): number[] {
    const wanted = new Set(typeIds);
    const unlabeled = defaultAssociationType(fromType, toType);
    if (unlabeled && typeIds.some((t) => associationType(t)?.label)) wanted.add(unlabeled.typeId);
    const added: number[] = [];
    for (const typeId of wanted) {
      if (this.#set(fromType, fromId, toType, toId).has(typeId)) continue;
      this.#set(fromType, fromId, toType, toId).add(typeId);
      const reverse = associationType(typeId)?.reverse;
      if (reverse !== undefined) this.#set(toType, toId, fromType, fromId).add(reverse);
      added.push(typeId);
    }
    return added;
  }

  /** Removes the given type ids, or all of them; returns the forward type ids removed. */
  remove(fromType: string, fromId: string, toType: string, toId: string, typeIds?: number[]): number[] {
    const forward = this.#links.get(`${fromType}:${fromId}`)?.get(toType)?.get(toId);
    if (!forward) return [];
    const removing = typeIds ? typeIds.filter((t) => forward.has(t)) : [...forward];
    const backward = this.#links.get(`${toType}:${toId}`)?.get(fromType)?.get(fromId);
    for (const typeId of removing) {
      forward.delete(typeId);
      const reverse = associationType(typeId)?.reverse;
      if (reverse !== undefined) backward?.delete(reverse);
    }
    if (forward.size === 0) this.#links.get(`${fromType}:${fromId}`)?.get(toType)?.delete(toId);
    if (backward?.size === 0) this.#links.get(`${toType}:${toId}`)?.get(fromType)?.delete(fromId);
    return removing;
  }

  rows(): AssociationRow[] {
    const out: AssociationRow[] = [];
    for (const [from, byType] of this.#links) {
      const [fromType, fromId] = from.split(":") as [string, string];
      for (const [toType, byId] of byType)
        for (const [toId, types] of byId)
          if (types.size) out.push([fromType, fromId, toType, toId, [...types]]);
    }
    return out;
  }

  static fromRows(rows: AssociationRow[]): AssociationIndex {
    const index = new AssociationIndex();
    for (const [fromType, fromId, toType, toId, typeIds] of rows)
      for (const t of typeIds) index.#set(fromType, fromId, toType, toId).add(t);
    return index;
  }

  #set(fromType: string, fromId: string, toType: string, toId: string): Set<number> {
    const key = `${fromType}:${fromId}`;
    let byType = this.#links.get(key);
    if (!byType) this.#links.set(key, (byType = new Map()));
    let byId = byType.get(toType);
    if (!byId) byType.set(toType, (byId = new Map()));
    let types = byId.get(toId);
    if (!types) byId.set(toId, (types = new Set()));
    return types;
  }
}
