import { hubspotPropertiesApi, type HubSpotPropertyInfo } from "../../../connectors/hubspot/properties.ts";
import type { Database } from "../../../db/kysely.ts";
import type { MappingDirection, MappingObject } from "../../../db/schema/index.ts";
import { inTransaction } from "../../../db/transaction.ts";
import type { Clock } from "../../../lib/clock.ts";
import type { Enqueuer } from "../../../queue/catalogue.ts";
import { err, type Result } from "../../../lib/result.ts";
import { findPortal, listQboConnections, type VendorClients } from "../../connections/index.ts";
import {
  deleteMapping,
  findMapping,
  insertMapping,
  listMappings,
  updateMapping,
  type FieldMappingRow,
} from "../repo/field-mappings.ts";
import { ensureSyncSetup } from "../setup.ts";
import { syncHubSpotSubscriptions } from "../subscriptions.ts";
import { compatibility } from "./compat.ts";
import { qboField } from "./qbo-fields.ts";
import { HUBSPOT_OBJECT_OF, validateMapping, type MappingInput, type MappingRefusal } from "./validate.ts";

export interface MappingDeps {
  db: Database;
  clock: Clock;
  /**
   * Each mapping change enqueues, in its own transaction, the reconcile of the webhook subscriptions.
   * Absent only in a web app built without a queue (page tests); the worker's start reconciles anyway.
   */
  queue?: Enqueuer;
  /** Absent in a process without vendor clients: HubSpot's properties cannot be read. */
  clients?: VendorClients;
}

export const MAPPING_OBJECTS: MappingObject[] = ["contact", "product", "invoice"];

/** HubSpot's properties of the object a mapping object syncs with, or why they cannot be read. */
async function hubspotProperties(
  deps: MappingDeps,
  portalId: string,
  object: MappingObject,
): Promise<Result<HubSpotPropertyInfo[], string>> {
  const portal = await findPortal(deps.db, portalId);
  if (!portal || !deps.clients) return err("HubSpot is not connected");
  return hubspotPropertiesApi(deps.clients.hubspot(portal)).properties(HUBSPOT_OBJECT_OF[object]);
}

/**
 * The mappings page of one object for the wanted company (else the first), seeded with the
 * defaults on first sight, with HubSpot's properties to choose from, or why they are unavailable.
 */
export async function mappingsPageData(
  deps: MappingDeps,
  portalId: string,
  wanted: string | undefined,
  object: MappingObject,
  pair?: { hubspotProperty: string; qboField: string },
) {
  const companies = await listQboConnections(deps.db, portalId);
  const conn = companies.find((x) => x.connectionId === wanted) ?? companies[0];
  if (!conn) return { companies, connectionId: undefined, rows: [], properties: undefined };
  await ensureSyncSetup(deps.db, conn.connectionId, deps.clock.now());
  const rows = await listMappings(deps.db, conn.connectionId, object);
  const props = await hubspotProperties(deps, portalId, object);
  return {
    companies,
    connectionId: conn.connectionId,
    rows,
    properties: props.ok ? props.value : undefined,
    unavailable: props.ok ? undefined : props.error,
    pair: pair && props.ok ? pairChoice(object, props.value, pair) : undefined,
  };
}

/** A chosen pair and the directions it may flow (the only ones the add form then offers), or why none. */
export type PairChoice = { hubspotProperty: string; qboField: string } & (
  { ok: true; directions: MappingDirection[] } | { ok: false; refusal: MappingRefusal }
);

export function pairChoice(
  object: MappingObject,
  properties: HubSpotPropertyInfo[],
  pair: { hubspotProperty: string; qboField: string },
): PairChoice {
  const property = properties.find((p) => p.name === pair.hubspotProperty);
  if (!property)
    return {
      ...pair,
      ok: false,
      refusal: { key: "mappings.refuse.unknownProperty", params: { name: pair.hubspotProperty } },
    };
  const field = qboField(object, pair.qboField);
  if (!field)
    return {
      ...pair,
      ok: false,
      refusal: { key: "mappings.refuse.unknownField", params: { name: pair.qboField } },
    };
  const compat = compatibility(object, property, field);
  return compat.ok
    ? { ...pair, ok: true, directions: compat.directions }
    : { ...pair, ok: false, refusal: { key: compat.reason } };
}

/** A mapping with the directions its pair allows (its own, when HubSpot cannot be asked). */
export async function mappingToEdit(
  deps: MappingDeps,
  portalId: string,
  connectionId: string,
  mappingId: string,
) {
  const row = await findMapping(deps.db, connectionId, mappingId);
  if (!row) return undefined;
  const props = await hubspotProperties(deps, portalId, row.object);
  const property = props.ok ? props.value.find((p) => p.name === row.hubspotProperty) : undefined;
  const field = qboField(row.object, row.qboField);
  const compat = property && field ? compatibility(row.object, property, field) : undefined;
  return { row, directions: compat?.ok ? compat.directions : [row.direction] };
}

/** Deletes a mapping; the object it belonged to, or undefined when there is no such mapping. */
export async function removeMapping(
  deps: Pick<MappingDeps, "db" | "queue">,
  connectionId: string,
  mappingId: string,
): Promise<MappingObject | undefined> {
  const row = await findMapping(deps.db, connectionId, mappingId);
  if (!row) return undefined;
  await inTransaction(deps.db, async (trx) => {
    if (await deleteMapping(trx, connectionId, row.mappingId)) await followSubscriptions(deps, trx);
  });
  return row.object;
}

/**
 * Enqueued in the transaction that changes a mapping (ADR 0040): committed together, so a crash
 * between the two can neither lose the subscriptions' update nor run it for a change rolled back.
 */
const followSubscriptions = async (deps: Pick<MappingDeps, "queue">, trx: Database) => {
  await deps.queue?.enqueue(trx, syncHubSpotSubscriptions, {});
};

export type SaveOutcome =
  | { kind: "not_found" }
  | { kind: "refused"; object: MappingObject; refusal: MappingRefusal }
  | { kind: "saved"; object: MappingObject; done: "added" | "updated" };

/**
 * Adds a mapping to an object (`target` is the object) or changes one (`target` is its id), once
 * M2's checks pass against HubSpot's real properties. The same pair is never mapped twice.
 */
export async function saveMapping(
  deps: MappingDeps,
  portalId: string,
  connectionId: string,
  target: string,
  input: MappingInput,
): Promise<SaveOutcome> {
  const isObject = MAPPING_OBJECTS.includes(target as MappingObject);
  const existing = isObject ? undefined : await findMapping(deps.db, connectionId, target);
  const object = isObject ? (target as MappingObject) : existing?.object;
  if (!object) return { kind: "not_found" };
  const refused = (refusal: MappingRefusal): SaveOutcome => ({ kind: "refused", object, refusal });
  const props = await hubspotProperties(deps, portalId, object);
  if (!props.ok)
    return refused({ key: "mappings.refuse.unknownProperty", params: { name: input.hubspotProperty } });
  const valid = validateMapping(object, props.value, input);
  if (!valid.ok) return refused(valid.error);
  const now = deps.clock.now();
  await ensureSyncSetup(deps.db, connectionId, now);
  if (existing) {
    if (await clashes(deps.db, connectionId, existing, valid.value))
      return refused({ key: "mappings.refuse.duplicate" });
    await inTransaction(deps.db, async (trx) => {
      await updateMapping(trx, connectionId, existing.mappingId, valid.value, now);
      await followSubscriptions(deps, trx);
    });
    return { kind: "saved", object, done: "updated" };
  }
  const inserted = await inTransaction(deps.db, async (trx) => {
    const added = await insertMapping(trx, connectionId, { object, ...valid.value, isDefault: false }, now);
    if (added) await followSubscriptions(deps, trx);
    return added;
  });
  if (!inserted) return refused({ key: "mappings.refuse.duplicate" });
  return { kind: "saved", object, done: "added" };
}

/** Whether another mapping of the object already maps this pair. */
async function clashes(
  db: Database,
  connectionId: string,
  existing: FieldMappingRow,
  pair: { hubspotProperty: string; qboField: string },
): Promise<boolean> {
  return (await listMappings(db, connectionId, existing.object)).some(
    (m) =>
      m.mappingId !== existing.mappingId &&
      m.hubspotProperty === pair.hubspotProperty &&
      m.qboField === pair.qboField,
  );
}

export interface NewInvoiceProperty {
  name: string;
  label: string;
  type: "string" | "number" | "date";
}

/** V3: a new HubSpot invoice property in Ledgerlink's group, to map a QBO field to. */
export async function createInvoiceProperty(
  deps: MappingDeps,
  portalId: string,
  p: NewInvoiceProperty,
): Promise<{ ok: true } | { ok: false; status: 400 | 502; reason: string }> {
  const portal = await findPortal(deps.db, portalId);
  if (!portal || !deps.clients) return { ok: false, status: 400, reason: "HubSpot" };
  const res = await hubspotPropertiesApi(deps.clients.hubspot(portal)).createProperty("invoices", {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.type === "string" ? "text" : p.type,
    groupName: "qbo_invoice",
  });
  return res.ok ? { ok: true } : { ok: false, status: 502, reason: res.error };
}
