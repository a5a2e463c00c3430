import type { Selectable } from "kysely";
import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/kysely.ts";
import type { FieldMappingsTable, MappingDirection, MappingObject } from "../../../db/schema/index.ts";

export type FieldMappingRow = Selectable<FieldMappingsTable>;

export interface NewMapping {
  object: MappingObject;
  hubspotProperty: string;
  qboField: string;
  direction: MappingDirection;
}

export async function listMappings(
  db: Database,
  connectionId: string,
  object?: MappingObject,
): Promise<FieldMappingRow[]> {
  let query = db.selectFrom("fieldMappings").selectAll().where("connectionId", "=", connectionId);
  if (object) query = query.where("object", "=", object);
  return query.orderBy("isDefault", "desc").orderBy("createdAt").orderBy("hubspotProperty").execute();
}

export async function findMapping(
  db: Database,
  connectionId: string,
  mappingId: string,
): Promise<FieldMappingRow | undefined> {
  return db
    .selectFrom("fieldMappings")
    .selectAll()
    .where("connectionId", "=", connectionId)
    .where("mappingId", "=", mappingId)
    .executeTakeFirst();
}

/** Inserts a mapping; false when the same pair is already mapped (the unique constraint decides). */
export async function insertMapping(
  db: Database,
  connectionId: string,
  mapping: NewMapping & { isDefault: boolean },
  now: Date,
): Promise<boolean> {
  const res = await db
    .insertInto("fieldMappings")
    .values({ mappingId: randomUUID(), connectionId, ...mapping, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(["connectionId", "object", "hubspotProperty", "qboField"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateMapping(
  db: Database,
  connectionId: string,
  mappingId: string,
  change: Pick<NewMapping, "hubspotProperty" | "qboField" | "direction">,
  now: Date,
): Promise<void> {
  await db
    .updateTable("fieldMappings")
    .set({ ...change, updatedAt: now })
    .where("connectionId", "=", connectionId)
    .where("mappingId", "=", mappingId)
    .execute();
}

export async function deleteMapping(db: Database, connectionId: string, mappingId: string): Promise<boolean> {
  const res = await db
    .deleteFrom("fieldMappings")
    .where("connectionId", "=", connectionId)
    .where("mappingId", "=", mappingId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Every company's mapped pairs, for what the whole instance needs from HubSpot (its webhook subscriptions). */
export async function listAllMappedProperties(db: Database) {
  return db.selectFrom("fieldMappings").select(["object", "hubspotProperty", "direction"]).execute();
}
