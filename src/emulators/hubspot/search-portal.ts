import type { StoredRecord } from "./object-table.ts";
import type { ObjectType } from "./object-types.ts";
import { objectTypeOf } from "./object-types.ts";
import type { Portal } from "./portal.ts";
import { matches, sortRecords, type SearchBody, type SearchContext } from "./search.ts";

/**
 * Every live record of a type in a portal that a search body finds, sorted as the search API
 * sorts them. The CRM search route pages this list; the console's index pages do the same, so
 * the search box finds exactly what the API would.
 */
export function searchPortal(portal: Portal, type: ObjectType, body: SearchBody): StoredRecord[] {
  const ctx: SearchContext = {
    property: (name) => portal.property(type.name, name),
    associatedIds: (record, spelled) => {
      const toType = objectTypeOf(spelled);
      return toType ? portal.associations.list(type.name, record.id, toType.name).map((l) => l.toId) : [];
    },
    searchableProperties: type.searchableProperties,
  };
  const found = [...portal.table(type.name).all()].filter((r) => matches(r, body, ctx));
  return sortRecords(found, body, ctx);
}
