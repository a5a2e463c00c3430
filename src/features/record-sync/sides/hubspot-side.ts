import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { getObject } from "../../../connectors/hubspot/crm.ts";
import {
  archiveRecord,
  batchUpdate,
  batchUpsert,
  findBy,
  listPage,
  updateRecord,
} from "../../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import {
  COMPANY_PROPERTIES,
  ID_ONLY_PROPERTIES,
  IDENTITY_PROPERTY,
  CONTACT_PROPERTIES,
  parseCompany,
  parseContact,
  parseProduct,
  PRODUCT_PROPERTIES,
  type WireError,
} from "../../../connectors/hubspot/wire/index.ts";
import type { Company, Contact, Product } from "../../../domain/crm.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import type { SyncSettings, Values } from "../../settings/index.ts";
import { exactKey, KeyIndex, keysOf, type Identity } from "../identity/index.ts";
import { contactFilterFailure, filterProperties } from "../filters.ts";
import { keyOf, type RecordKind } from "../kinds.ts";
import { ensurePrimaryContact } from "./primary-contact.ts";
import type { CreateInput, Indexed, Prepared, Side, Target } from "../engine/side.ts";

const IDENTITY_PROPERTIES: Record<RecordKind["link"], readonly string[]> = {
  contact: CONTACT_PROPERTIES,
  company: COMPANY_PROPERTIES,
  product: PRODUCT_PROPERTIES,
};

/**
 * Batch calls in flight: the rate budget spaces them, and each call's latency overlaps the wait.
 * Enough to cover a call that takes seconds (a slow answer, a 429's wait, a retry) at HubSpot's
 * 11 calls a second: with 4, one such call held up every chunk behind it, and an initial sync of
 * 6,000 contacts under 30 % faults took 3.7 × its fault-free time (ADR 0044). HubSpot sets no
 * limit on concurrent requests; the budget still sets their rate.
 */
const IN_FLIGHT = 16;
const BATCH = 100;

const text = (v: string | null | undefined) => v ?? undefined;

type Crm =
  | { kind: "contact"; value: Contact }
  | { kind: "company"; value: Company }
  | { kind: "product"; value: Product };

/** The record read through the wire model (parsed once per record); a WireError when malformed. */
const parsed = new WeakMap<CrmRecord, Result<Crm, WireError>>();
function domainOf(kind: RecordKind, record: CrmRecord): Result<Crm, WireError> {
  let known = parsed.get(record);
  if (!known) {
    if (kind.link === "product") {
      const r = parseProduct(record);
      known = r.ok ? ok({ kind: "product", value: r.value }) : r;
    } else if (kind.link === "company") {
      const r = parseCompany(record);
      known = r.ok ? ok({ kind: "company", value: r.value }) : r;
    } else {
      const r = parseContact(record);
      known = r.ok ? ok({ kind: "contact", value: r.value }) : r;
    }
    parsed.set(record, known);
  }
  return known;
}

export function identityOf(kind: RecordKind, record: CrmRecord): Identity {
  const read = domainOf(kind, record);
  if (!read.ok) return {};
  const d = read.value;
  if (d.kind === "product") return { name: d.value.name, sku: d.value.sku };
  if (d.kind === "company") return { name: d.value.name, domain: d.value.domain };
  const c = d.value;
  return { email: c.email, firstName: c.firstName, lastName: c.lastName, company: c.company, phone: c.phone };
}

/** A person's name, else the record's name or e-mail, else its id. */
function labelOf(kind: RecordKind, record: CrmRecord): string {
  const who = identityOf(kind, record);
  return [who.firstName, who.lastName].filter(Boolean).join(" ") || who.name || who.email || record.id;
}

/**
 * HubSpot contacts, companies or products as one side of the record sync. Creates are upserts on
 * the kind's unique `realm:id` property, so a rerun after a crash finds what it created.
 */
export function hubspotSide(
  kind: RecordKind,
  http: HttpClient,
  connection: { realmId: string },
  settings: SyncSettings,
): Side<CrmRecord> {
  const filtered = kind.link === "contact";
  const properties = (fields: string[], extra: string[] = []) => [
    ...new Set([
      ...fields,
      ...IDENTITY_PROPERTIES[kind.link],
      ...(filtered ? filterProperties(settings.contacts.filters) : []),
      ...extra,
    ]),
  ];
  const withKey = (values: Record<string, string>, sourceId: string) => {
    const key = keyOf(connection.realmId, sourceId);
    return { id: key, properties: { ...values, [kind.keyProperty]: key, [kind.idProperty]: sourceId } };
  };
  /** A company needs a name: the source's own name when the mapping brings none. */
  const named = (input: CreateInput) =>
    kind.link === "company" && !input.values.name ? { ...input.values, name: input.label } : input.values;
  const noun = (id: string) => `HubSpot ${kind.link} ${id}`;

  return {
    vendor: "hubspot",
    kind,
    words: { name: "HubSpot", noun, gone: "archived", goneAction: "archive" },
    ledgerType: kind.link,
    idOf: (r) => r.id,
    labelOf: (r) => labelOf(kind, r),
    subjectOf: (r) => noun(r.id),
    identityOf: (r) => identityOf(kind, r),
    valuesOf: (r, fields): Values => Object.fromEntries(fields.map((f) => [f, text(r.properties[f])])),
    candidateOf: (r) => ({ id: r.id, label: labelOf(kind, r), email: identityOf(kind, r).email }),
    problem(r) {
      const read = domainOf(kind, r);
      return read.ok ? undefined : read.error;
    },

    async read(id, fields) {
      const res = await getObject(http, kind.hubspotType, id, properties(fields));
      if (!res.ok) return res.error.kind === "not_found" ? ok("gone" as const) : res;
      return ok({ id, properties: res.value.properties });
    },
    ...(filtered ? { refusal: (r: CrmRecord) => contactFilterFailure(http, settings, r) } : {}),
    find(key) {
      if (key.parts.length === 0) return undefined;
      const filters = key.parts.map(([field, value]) => ({ property: IDENTITY_PROPERTY[field], value }));
      return findBy(http, kind.hubspotType, filters, properties([]));
    },
    async create(input) {
      const values = named(input);
      const res = await batchUpsert(http, kind.hubspotType, kind.keyProperty, [
        withKey(values, input.sourceId),
      ]);
      if (!res.ok) return res;
      const id = res.value[0]?.id;
      return ok(id ? { id, written: values } : undefined);
    },
    ...(kind.link === "company"
      ? {
          async afterCreate(id: string, source: Identity) {
            const person = await ensurePrimaryContact(http, id, source);
            if (!person.ok) return person;
            return ok(person.value ? `with primary contact ${person.value}` : undefined);
          },
        }
      : {}),
    async update(link, _current, changes) {
      const props = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v ?? ""]));
      return updateRecord(http, kind.hubspotType, link.hubspotId, props);
    },
    async archive(link) {
      const res = await archiveRecord(http, kind.hubspotType, link.hubspotId);
      return res.ok ? ok({}) : res;
    },

    pager(progress, fields) {
      let after = progress.hubspotAfter;
      const props = properties(fields);
      let next = listPage(http, kind.hubspotType, props, after);
      return {
        async next() {
          const page = await next;
          if (!page.ok) {
            next = listPage(http, kind.hubspotType, props, after); // a later call reads it again
            return page;
          }
          const at = { hubspotAfter: after };
          after = page.value.after;
          if (after) next = listPage(http, kind.hubspotType, props, after); // overlaps this page's writes
          return ok({ records: page.value.records, at, next: { hubspotAfter: after }, last: !after });
        },
        readCalls: (remaining) => ({ qboReads: 0, hubspotCalls: Math.ceil(remaining / BATCH) }),
      };
    },
    keepsIndex: true,
    async openTarget(fields, options) {
      let index = options.restored;
      if (!index) {
        const read = await readIndex(http, kind, settings, properties(fields, [kind.keyProperty]));
        if (!read.ok) return read;
        index = read.value;
      }
      const target: Target<CrmRecord> = {
        index,
        exactKeyFor: (sourceId) => exactKey(keyOf(connection.realmId, sourceId)),
        prepare(input): Prepared {
          const values = named(input);
          return { sourceId: input.sourceId, written: values, body: withKey(values, input.sourceId) };
        },
        async createBatch(batch) {
          const res = await batchUpsert(
            http,
            kind.hubspotType,
            kind.keyProperty,
            batch.map((b) => b.body as { id: string; properties: Record<string, string> }),
          );
          if (!res.ok) return res;
          const idOf = new Map(res.value.map((r) => [r.properties[kind.keyProperty] ?? "", r.id]));
          const ids: Array<{ id: string }> = [];
          for (const b of batch) {
            const id = idOf.get(keyOf(connection.realmId, b.sourceId));
            if (!id)
              return err({
                kind: "malformed" as const,
                retryable: false,
                message: `HubSpot answered no record for ${keyOf(connection.realmId, b.sourceId)}`,
              });
            ids.push({ id });
          }
          return ok(ids);
        },
        async updateBatch(batch) {
          const res = await batchUpdate(
            http,
            kind.hubspotType,
            batch.map((u) => ({ id: u.id, properties: u.changes })),
          );
          return res.ok ? ok(undefined) : res;
        },
        batchSize: BATCH,
        inFlight: IN_FLIGHT,
        idempotentCreates: true,
        writeCalls: (remaining) => ({ hubspotCalls: Math.ceil(remaining / BATCH), qboBatches: 0 }),
      };
      return ok(target);
    },
  };
}

/** Every record of the kind, by its match keys and our own key: the initial sync's target index. */
async function readIndex(
  http: HttpClient,
  kind: RecordKind,
  settings: SyncSettings,
  props: string[],
): Promise<Result<KeyIndex<Indexed<CrmRecord>>, VendorError>> {
  const index = new KeyIndex<Indexed<CrmRecord>>();
  let after: string | undefined;
  do {
    const page = await listPage(http, kind.hubspotType, props, after);
    if (!page.ok) return page;
    for (const r of page.value.records) {
      const keys = keysOf(kind.link, identityOf(kind, r), settings.contacts);
      const own = r.properties[kind.keyProperty];
      index.add(r.id, r, own ? [exactKey(own), ...keys] : keys);
      parsed.delete(r); // the index keeps keys, not a second copy of every record
    }
    after = page.value.after;
  } while (after);
  return ok(index);
}

/**
 * One page of a kind's archived records, ids only: HubSpot's search never shows them, so the
 * reconcile lists them (docs/vendors/hubspot.md §4).
 */
export async function archivedPage(
  http: HttpClient,
  kind: RecordKind,
  after: string | undefined,
): Promise<Result<{ ids: string[]; after?: string }, VendorError>> {
  const page = await listPage(http, kind.hubspotType, [...ID_ONLY_PROPERTIES], after, true);
  if (!page.ok) return page;
  return ok({ ids: page.value.records.map((r) => r.id), after: page.value.after });
}
