/**
 * Lists (segments) of one portal, as HubSpot's Lists API v3 keeps them: a definition and the
 * memberships of a MANUAL list. Archived records stay stored as members but are left out of every
 * answer (the caller passes `isLive`), so a record restored later would come back as a member.
 */

export interface StoredMembership {
  recordId: string;
  firstAddedAt: string;
  lastAddedAt: string;
}

export interface StoredList {
  listId: string;
  name: string;
  /** HubSpot's id for the object type (`0-1`). */
  objectTypeId: string;
  processingType: "MANUAL";
  listVersion: number;
  createdAt: string;
  updatedAt: string;
  filtersUpdatedAt: string;
  deletedAt?: string;
  createdById: string;
  updatedById: string;
  customProperties: Record<string, string>;
  listFolderId?: number;
  membershipSettings: { membershipTeamId: number | null; includeUnassigned: boolean | null };
  listPermissions: { teamsWithEditAccess: number[]; usersWithEditAccess: number[] };
  memberships: StoredMembership[];
}

export interface MembershipChange {
  recordIdsMissing: string[];
  recordIdsRemoved: string[];
  /** Spelled as HubSpot's response spells it (`MembershipsUpdateResponse`). */
  recordsIdsAdded: string[];
}

export class ListStore {
  readonly lists = new Map<string, StoredList>();
  /** listId → recordId → membership, for quick lookups (the array in StoredList is what is saved). */
  readonly #members = new Map<string, Map<string, StoredMembership>>();

  constructor(lists: StoredList[] = []) {
    for (const list of lists) this.insert(list);
  }

  insert(list: StoredList): void {
    this.lists.set(list.listId, list);
    this.#members.set(list.listId, new Map(list.memberships.map((m) => [m.recordId, m])));
  }

  /** A list that is not deleted. */
  live(listId: string): StoredList | undefined {
    const list = this.lists.get(listId);
    return list && !list.deletedAt ? list : undefined;
  }

  byName(name: string): StoredList | undefined {
    const wanted = name.trim().toLowerCase();
    return [...this.lists.values()].find((l) => !l.deletedAt && l.name.trim().toLowerCase() === wanted);
  }

  /** Members whose record is live, by ascending record id. */
  members(list: StoredList, isLive: (recordId: string) => boolean): StoredMembership[] {
    return [...(this.#members.get(list.listId)?.values() ?? [])]
      .filter((m) => isLive(m.recordId))
      .sort((a, b) => Number(a.recordId) - Number(b.recordId));
  }

  /** Adds and removes in one step; records that do not exist are reported missing and change nothing. */
  change(
    list: StoredList,
    add: string[],
    remove: string[],
    exists: (recordId: string) => boolean,
    at: string,
  ): MembershipChange {
    const members = this.#members.get(list.listId)!;
    const result: MembershipChange = { recordIdsMissing: [], recordIdsRemoved: [], recordsIdsAdded: [] };
    for (const id of new Set(add)) {
      if (!exists(id)) result.recordIdsMissing.push(id);
      else if (!members.has(id)) {
        members.set(id, { recordId: id, firstAddedAt: at, lastAddedAt: at });
        result.recordsIdsAdded.push(id);
      }
    }
    for (const id of new Set(remove)) {
      if (!exists(id)) {
        if (!result.recordIdsMissing.includes(id)) result.recordIdsMissing.push(id);
      } else if (members.delete(id)) result.recordIdsRemoved.push(id);
    }
    if (result.recordsIdsAdded.length || result.recordIdsRemoved.length) {
      list.memberships = [...members.values()];
      list.updatedAt = at;
    }
    return result;
  }

  /** The live lists a record belongs to. */
  listsOf(objectTypeId: string, recordId: string): Array<{ list: StoredList; membership: StoredMembership }> {
    const out: Array<{ list: StoredList; membership: StoredMembership }> = [];
    for (const list of this.lists.values()) {
      if (list.deletedAt || list.objectTypeId !== objectTypeId) continue;
      const membership = this.#members.get(list.listId)?.get(recordId);
      if (membership) out.push({ list, membership });
    }
    return out;
  }

  toJSON(): StoredList[] {
    return [...this.lists.values()];
  }
}
