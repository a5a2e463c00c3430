import type { Clock } from "../../lib/clock.ts";
import { associationType } from "./association-types.ts";
import type { HsChange } from "./contract.ts";
import type { PropertyIssue } from "./errors.ts";
import { failure, success, type Outcome } from "./failures.ts";
import { LINE_ITEM_PARENTS, beforeCreate, beforeUpdate, parentTotals } from "./object-rules.ts";
import type { StoredRecord } from "./object-table.ts";
import { objectTypeNamed } from "./object-types.ts";
import type { Portal } from "./portal.ts";
import { normalizeValue } from "./values.ts";

/** Who made a write: HubSpot's `changeSource` and, for API calls with an app's token, the app. */
export interface WriteSource {
  changeSource: string;
  sourceAppId?: number;
  sourceId?: string;
}

export interface AssociationInput {
  to: { id: string };
  types: Array<{ associationCategory?: string; associationTypeId: number }>;
}

type Values = Record<string, string>;

export interface PreparedCreate {
  portal: Portal;
  objectType: string;
  values: Values;
  links: Array<[toType: string, toId: string, typeIds: number[]]>;
}

/** Stamped by the store on every write; never reported as property changes. */
const SYSTEM = new Set([
  "hs_object_id",
  "createdate",
  "hs_createdate",
  "hs_lastmodifieddate",
  "lastmodifieddate",
]);

const CALCULATED: WriteSource = { changeSource: "CALCULATED" };

/**
 * The one write path for CRM records: API routes, batch routes, the seed, the control API and the
 * extensions' workflow updates all come through here, so validation, HubSpot's derived values and
 * the change events (which become webhooks) are the same whoever writes.
 */
export class Crm {
  constructor(
    private readonly clock: Clock,
    private readonly emit: (change: HsChange) => void,
  ) {}

  /** Checks and normalises input properties; read-only ones are refused unless `trusted`. */
  validate(portal: Portal, objectType: string, input: unknown, trusted = false): Outcome<Values> {
    if (input === undefined || input === null) return success({});
    if (typeof input !== "object" || Array.isArray(input))
      return failure({
        kind: "bad_request",
        message: "properties must be an object of property names to values",
      });
    const issues: PropertyIssue[] = [];
    const values: Values = {};
    const ctx = { ownerExists: (id: string) => portal.owner(id) !== undefined };
    for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
      const def = portal.property(objectType, name);
      if (!def) {
        issues.push({ name, error: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` });
        continue;
      }
      if (def.modificationMetadata.readOnlyValue && !trusted) {
        issues.push({
          name,
          error: "READ_ONLY_VALUE",
          message: `"${name}" is a read only property; its value cannot be set.`,
        });
        continue;
      }
      const result = normalizeValue(def, raw, ctx);
      if (result.ok) values[name] = result.value;
      else issues.push(result.issue);
    }
    return issues.length ? failure({ kind: "validation", issues }) : success(values);
  }

  /** A live record by id, or by a unique property's value when `idProperty` is given. */
  find(
    portal: Portal,
    objectType: string,
    id: string,
    idProperty?: string,
    archived = false,
  ): Outcome<StoredRecord> {
    const table = portal.table(objectType);
    let record: StoredRecord | undefined;
    if (idProperty && idProperty !== "hs_object_id") {
      if (!portal.uniqueProperties(objectType).includes(idProperty))
        return failure({
          kind: "bad_request",
          message: `${idProperty} is not a unique property of ${objectType}.`,
        });
      record = table.findUnique(idProperty, id);
    } else {
      record = table.get(id);
    }
    if (!record || record.archived !== archived) return failure({ kind: "not_found", id });
    return success(record);
  }

  /** Unique values already held by another live record. */
  conflict(portal: Portal, objectType: string, values: Values, selfId?: string): Outcome<void> {
    const table = portal.table(objectType);
    for (const name of portal.uniqueProperties(objectType)) {
      const value = values[name];
      if (!value) continue;
      const holder = table.findUnique(name, value);
      if (!holder || holder.id === selfId) continue;
      const message =
        objectType === "contacts" && name === "email"
          ? `Contact already exists. Existing ID: ${holder.id}`
          : `A ${objectTypeNamed(objectType).singular} with ${name} "${value}" already exists. Existing ID: ${holder.id}`;
      return failure({ kind: "conflict", message, existingId: holder.id });
    }
    return success(undefined);
  }

  /** Targets and type ids of a create body's `associations`, checked before anything is written. */
  checkAssociations(
    portal: Portal,
    objectType: string,
    inputs: AssociationInput[],
  ): Outcome<Array<[string, string, number[]]>> {
    const out: Array<[string, string, number[]]> = [];
    for (const input of inputs) {
      const typeIds = input.types.map((t) => t.associationTypeId);
      const types = typeIds.map((t) => associationType(t));
      const toType = types[0]?.to;
      if (!toType || types.some((t) => !t || t.from !== objectType || t.to !== toType))
        return failure({
          kind: "bad_request",
          message: `Association type ids ${JSON.stringify(typeIds)} are not valid from ${objectType}.`,
        });
      const target = portal.record(toType, String(input.to.id));
      if (!target || target.archived)
        return failure({
          kind: "bad_request",
          message: `No ${toType} with id ${input.to.id} to associate with.`,
        });
      out.push([toType, String(input.to.id), typeIds]);
    }
    return success(out);
  }

  /** Everything that can refuse a create, run before anything is written (batches are all or nothing). */
  prepareCreate(
    portal: Portal,
    objectType: string,
    input: unknown,
    associations: AssociationInput[] = [],
  ): Outcome<PreparedCreate> {
    const validated = this.validate(portal, objectType, input);
    if (!validated.ok) return validated;
    const links = this.checkAssociations(portal, objectType, associations);
    if (!links.ok) return links;
    const associatedTypes = new Set(links.value.map(([toType]) => toType));
    const prepared = beforeCreate(objectType, validated.value, {
      portal,
      now: this.clock.now(),
      associatedTypes,
    });
    if (!prepared.ok) return prepared;
    const unique = this.conflict(portal, objectType, prepared.value);
    if (!unique.ok) return unique;
    return success({ portal, objectType, values: prepared.value, links: links.value });
  }

  commitCreate(prepared: PreparedCreate, source: WriteSource): StoredRecord {
    const { portal, objectType, values, links } = prepared;
    const now = this.clock.now();
    const id = portal.nextRecordId();
    const at = now.toISOString();
    const record: StoredRecord = {
      id,
      objectType,
      properties: {},
      createdAt: at,
      updatedAt: at,
      archived: false,
      history: {},
    };
    for (const name of SYSTEM) {
      if (portal.property(objectType, name)) record.properties[name] = name === "hs_object_id" ? id : at;
    }
    portal.table(objectType).insert(record);
    this.emit({
      portalId: portal.id,
      kind: "creation",
      objectType,
      objectId: id,
      ...this.#source(source),
      occurredAt: now,
    });
    this.#apply(portal, record, values, source, now);
    for (const [toType, toId, typeIds] of links)
      this.associate(portal, objectType, id, toType, toId, typeIds, source);
    return record;
  }

  create(
    portal: Portal,
    objectType: string,
    input: unknown,
    source: WriteSource,
    associations: AssociationInput[] = [],
  ): Outcome<StoredRecord> {
    const prepared = this.prepareCreate(portal, objectType, input, associations);
    return prepared.ok ? success(this.commitCreate(prepared.value, source)) : prepared;
  }

  prepareUpdate(portal: Portal, record: StoredRecord, input: unknown, trusted = false): Outcome<Values> {
    const validated = this.validate(portal, record.objectType, input, trusted);
    if (!validated.ok) return validated;
    const prepared = beforeUpdate(record.objectType, record, validated.value, portal);
    if (!prepared.ok) return prepared;
    const unique = this.conflict(portal, record.objectType, prepared.value, record.id);
    return unique.ok ? prepared : unique;
  }

  commitUpdate(portal: Portal, record: StoredRecord, values: Values, source: WriteSource): StoredRecord {
    const changed = this.#apply(portal, record, values, source, this.clock.now());
    if (record.objectType === "line_items" && changed.includes("amount"))
      this.#recalculateParents(portal, record);
    return record;
  }

  update(
    portal: Portal,
    record: StoredRecord,
    input: unknown,
    source: WriteSource,
    trusted = false,
  ): Outcome<StoredRecord> {
    const prepared = this.prepareUpdate(portal, record, input, trusted);
    return prepared.ok ? success(this.commitUpdate(portal, record, prepared.value, source)) : prepared;
  }

  archive(portal: Portal, record: StoredRecord, source: WriteSource): void {
    if (record.archived) return;
    const now = this.clock.now();
    record.archived = true;
    record.archivedAt = now.toISOString();
    record.updatedAt = record.archivedAt;
    const table = portal.table(record.objectType);
    for (const name of portal.uniqueProperties(record.objectType))
      table.setUnique(name, record.properties[name], null, record.id);
    this.emit({
      portalId: portal.id,
      kind: "deletion",
      objectType: record.objectType,
      objectId: record.id,
      ...this.#source(source),
      occurredAt: now,
    });
    if (record.objectType === "line_items") this.#recalculateParents(portal, record);
  }

  /** Adds associations (both directions); returns the type ids that were new. */
  associate(
    portal: Portal,
    fromType: string,
    fromId: string,
    toType: string,
    toId: string,
    typeIds: number[],
    source: WriteSource,
  ): number[] {
    const added = portal.associations.add(fromType, fromId, toType, toId, typeIds);
    this.#reportAssociation(portal, fromType, fromId, toType, toId, added, false, source);
    return added;
  }

  dissociate(
    portal: Portal,
    fromType: string,
    fromId: string,
    toType: string,
    toId: string,
    typeIds: number[] | undefined,
    source: WriteSource,
  ): number[] {
    const removed = portal.associations.remove(fromType, fromId, toType, toId, typeIds);
    this.#reportAssociation(portal, fromType, fromId, toType, toId, removed, true, source);
    return removed;
  }

  #reportAssociation(
    portal: Portal,
    fromType: string,
    fromId: string,
    toType: string,
    toId: string,
    typeIds: number[],
    removed: boolean,
    source: WriteSource,
  ): void {
    if (typeIds.length === 0) return;
    const now = this.clock.now();
    for (const typeId of typeIds) {
      const reverse = associationType(typeId)?.reverse ?? typeId;
      // HubSpot reports an association change once per direction (docs/vendors/hubspot.md §7).
      for (const [a, aId, b, bId, t] of [
        [fromType, fromId, toType, toId, typeId],
        [toType, toId, fromType, fromId, reverse],
      ] as const)
        this.emit({
          portalId: portal.id,
          kind: "associationChange",
          objectType: a,
          objectId: aId,
          association: { toObjectType: b, toObjectId: bId, associationTypeId: t, removed },
          ...this.#source(source),
          occurredAt: now,
        });
    }
    const lineItem = fromType === "line_items" ? fromId : toType === "line_items" ? toId : undefined;
    const parentType = fromType === "line_items" ? toType : fromType;
    const parentId = fromType === "line_items" ? toId : fromId;
    if (lineItem && LINE_ITEM_PARENTS.includes(parentType)) {
      const parent = portal.record(parentType, parentId);
      if (parent) this.#recalculate(portal, parent);
    }
  }

  #recalculateParents(portal: Portal, lineItem: StoredRecord): void {
    for (const parentType of LINE_ITEM_PARENTS)
      for (const link of portal.associations.list("line_items", lineItem.id, parentType)) {
        const parent = portal.record(parentType, link.toId);
        if (parent) this.#recalculate(portal, parent);
      }
  }

  #recalculate(portal: Portal, parent: StoredRecord): void {
    const totals = parentTotals(portal, parent.objectType, parent);
    if (Object.keys(totals).length) this.#apply(portal, parent, totals, CALCULATED, this.clock.now());
  }

  /** Stores the values that differ, stamps the record, keeps history and unique indexes; reports each change. */
  #apply(portal: Portal, record: StoredRecord, values: Values, source: WriteSource, now: Date): string[] {
    const at = now.toISOString();
    const unique = portal.uniqueProperties(record.objectType);
    const table = portal.table(record.objectType);
    const changed: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      const old = record.properties[name];
      if ((old ?? "") === value && old !== undefined) continue;
      if (old === undefined && value === "") continue;
      record.properties[name] = value;
      const entry = {
        value,
        timestamp: at,
        sourceType: source.changeSource,
        ...(source.sourceId
          ? { sourceId: source.sourceId }
          : source.sourceAppId
            ? { sourceId: String(source.sourceAppId) }
            : {}),
      };
      (record.history[name] ??= []).unshift(entry);
      if (unique.includes(name)) table.setUnique(name, old, value, record.id);
      changed.push(name);
    }
    if (changed.length === 0) return changed;
    record.updatedAt = at;
    for (const name of ["hs_lastmodifieddate", "lastmodifieddate"])
      if (name in record.properties) record.properties[name] = at;
    for (const name of changed)
      this.emit({
        portalId: portal.id,
        kind: "propertyChange",
        objectType: record.objectType,
        objectId: record.id,
        propertyName: name,
        propertyValue: record.properties[name] ?? null,
        ...this.#source(source),
        occurredAt: now,
      });
    return changed;
  }

  #source(source: WriteSource): Pick<HsChange, "changeSource" | "sourceAppId"> {
    return source.sourceAppId === undefined
      ? { changeSource: source.changeSource }
      : { changeSource: source.changeSource, sourceAppId: source.sourceAppId };
  }
}
