import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { batchCreate, BATCH_SIZE } from "../../../connectors/qbo/batch.ts";
import { queryAll, queryCount, queryPage, type QboEntity } from "../../../connectors/qbo/client.ts";
import { MAX_RESULTS, type QuerySpec } from "../../../connectors/qbo/query.ts";
import { createEntity, readEntity, requestIdFor, updateEntity } from "../../../connectors/qbo/write.ts";
import type { Customer, Item } from "../../../domain/accounting.ts";
import {
  ACTIVE_FIELD,
  CUSTOMER_QUERY_FIELD,
  deactivateChanges,
  isTombstone,
  itemBody,
  NAME_FIELD,
  parseCustomer,
  parseItem,
  qboIdOf,
  ID_FIELD,
  SELLABLE_ITEMS,
  type WireError,
} from "../../../connectors/qbo/wire/index.ts";
import { perSecond, qboBuckets } from "../../../connectors/rate-budget.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { readQboPath, writeQboPath, type SyncSettings, type Values } from "../../settings/index.ts";
import { KeyIndex, keysOf, norm, uniqueDisplayName, type Identity } from "../identity/index.ts";
import type { RecordKind } from "../kinds.ts";
import type { Pair } from "../pairs.ts";
import { chunkSizeOf, mixFor } from "../engine/plan.ts";
import type { CreateInput, Created, Indexed, Prepared, Side, Target } from "../engine/side.ts";
import { freeName, incomeAccount, wantedName } from "./qbo-names.ts";
import { claimKeyOf, findCustomerByIdentity, withCustomerClaim, type ClaimDeps } from "../customer-claims.ts";

/** Pages of source records read ahead of the one being written (ADR 0044). */
const READ_AHEAD = 3;

/**
 * Batches and singles per chunk of creates, from the budget's own QBO buckets (ADR 0032): 8
 * batches of 30 and 93 singles, so the batch window (40 a minute) and the request window (500 a
 * minute) run out together. A chunk waits for its slowest request before the next is decided (its
 * requests must be rebuilt the same after a crash), and under faults the slowest is a retry chain
 * of 2 to 5 s: eight batches a chunk (about 12 s of requests) meet that wait a quarter as often as
 * the first two did (ADR 0044). A crash redoes at most one chunk's decisions, which re-reading QBO
 * makes matches, not creates.
 */
const BATCHES_PER_CHUNK = 8;
const QBO_MIX = (() => {
  const buckets = qboBuckets("plan", { batch: true });
  const bucket = (suffix: string) => buckets.find((b) => b.key.endsWith(suffix))!;
  // Every request spends the second and the minute bucket: the slower one sets the singles' pace.
  const requests = Math.min(perSecond(bucket(":second")), perSecond(bucket(":minute")));
  return mixFor(requests, perSecond(bucket(":batch")), BATCH_SIZE, BATCHES_PER_CHUNK);
})();

/** A single create QBO refuses for the record itself: the record's outcome, not the run's failure. */
const REFUSALS = new Set<VendorError["kind"]>(["validation", "duplicate", "conflict", "stale"]);

type Named = { kind: "customer"; value: Customer } | { kind: "item"; value: Item };

/** The record read through the wire model (parsed once per record); a WireError when malformed. */
const parsed = new WeakMap<QboEntity, Result<Named, WireError>>();
function domainOf(kind: RecordKind, entity: QboEntity): Result<Named, WireError> {
  let known = parsed.get(entity);
  if (!known) {
    if (kind.qboEntity === "Item") {
      const item = parseItem(entity);
      known = item.ok ? ok({ kind: "item", value: item.value }) : item;
    } else {
      const customer = parseCustomer(entity);
      known = customer.ok ? ok({ kind: "customer", value: customer.value }) : customer;
    }
    parsed.set(entity, known);
  }
  return known;
}

export function identityOf(kind: RecordKind, entity: QboEntity): Identity {
  const read = domainOf(kind, entity);
  if (!read.ok) return {};
  if (read.value.kind === "item") return { name: read.value.value.name, sku: read.value.value.sku };
  const c = read.value.value;
  return {
    email: c.email,
    firstName: c.givenName,
    lastName: c.familyName,
    company: c.companyName,
    phone: c.phone,
    ...(kind.link === "company" ? { name: c.companyName ?? c.displayName } : {}),
  };
}

/** An item a product can be: categories are only folders. */
function isSellableRow(kind: RecordKind, row: QboEntity): boolean {
  const read = domainOf(kind, row);
  return read.ok && read.value.kind === "item" && read.value.value.type !== "Category";
}

const nameOf = (n: Named) => (n.kind === "item" ? n.value.name : n.value.displayName);
const activeOf = (n: Named) => n.value.active;

/** A QBO change as the engine needs it: a record made inactive has left the sync. */
export function qboChange(kind: RecordKind, entity: QboEntity) {
  const read = domainOf(kind, entity);
  return { id: qboIdOf(entity), record: entity, gone: read.ok && !activeOf(read.value) };
}

/** A CDC tombstone: QBO deletes transactions, never names, so record sync ignores it. */
export const qboDeleted = (entity: QboEntity): boolean => isTombstone(entity);

/** A new item: a Service booked to the income account unless the mapping says otherwise. */
const newItem = (
  mapped: Record<string, unknown>,
  name: string,
  account: { value: string; name: string },
) => ({
  ...itemBody({ name, incomeAccountId: account.value }),
  ...mapped,
  Name: name,
  IncomeAccountRef: account,
});

/** A QBO body from field path → value; a cleared text field is sent empty (sparse update). */
function bodyOf(pairs: Pair[], values: Record<string, string | null>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const pair = pairs.find((p) => p.field.path === path);
    if (pair) writeQboPath(body, pair.field, value ?? "");
  }
  return body;
}

/**
 * QBO customers or items as one side of the record sync. QBO never deletes a name, it makes it
 * inactive, so a record that cannot be read is an error, not a deletion. Creates carry a requestid
 * so a retried call replays QBO's first answer.
 */
export function qboSide(
  kind: RecordKind,
  http: HttpClient,
  connection: { connectionId: string; realmId?: string },
  settings: SyncSettings,
  claims?: ClaimDeps,
): Side<QboEntity> {
  const entity = kind.qboEntity;
  const nameField = NAME_FIELD[entity];
  const noun = (id: string) => `QuickBooks ${entity} ${id}`;
  const identity = (e: QboEntity) => identityOf(kind, e);
  const labelOf = (e: QboEntity) => {
    const read = domainOf(kind, e);
    return read.ok ? nameOf(read.value) : qboIdOf(e);
  };
  // Items are compared here, not by QBO's query, which compares text as typed: a SKU differing
  // only in case must still match. The list is read once per change.
  let items: Promise<Result<QboEntity[], VendorError>> | undefined;
  const activeItems = () =>
    (items ??= queryAll(http, { entity: "Item", where: [[ACTIVE_FIELD, "=", true]] }).then((all) =>
      all.ok ? ok(all.value.rows.filter((i) => isSellableRow(kind, i))) : all,
    ));

  /** Creates the record under a name no record has (QBO refuses a DisplayName twice). */
  async function createNow(input: CreateInput): Promise<Result<Created, VendorError>> {
    const body = bodyOf(input.pairs, input.values);
    const name = await freeName(http, entity, nameField, wanted(input));
    if (!name.ok) return name;
    let full: Record<string, unknown> = { ...body, [nameField]: name.value };
    if (entity === "Item") {
      const account = await incomeAccount(http);
      if (!account.ok) return account;
      full = newItem(body, name.value, account.value);
    }
    const created = await createEntity(
      http,
      entity,
      full,
      requestIdFor("create", connection.connectionId, kind.link, input.sourceId),
    );
    if (!created.ok) return created;
    return ok({
      id: qboIdOf(created.value),
      written: input.values,
      note: `"${String(created.value[nameField] ?? "")}"`,
    });
  }

  return {
    vendor: "qbo",
    kind,
    words: { name: "QuickBooks", noun, gone: "made inactive", goneAction: "make inactive" },
    ledgerType: entity.toLowerCase(),
    idOf: (e) => qboIdOf(e),
    labelOf,
    subjectOf: (e) => `${entity} ${labelOf(e)}`,
    identityOf: identity,
    valuesOf: (e, fields): Values => Object.fromEntries(fields.map((f) => [f, readQboPath(e, f)])),
    candidateOf: (e) => ({ id: qboIdOf(e), label: labelOf(e), email: identity(e).email }),
    problem(e) {
      const read = domainOf(kind, e);
      return read.ok ? undefined : read.error;
    },

    read: (id) => readEntity(http, entity, id),
    find(key) {
      if (key.parts.length === 0) return undefined;
      if (entity === "Item")
        return activeItems().then((all) =>
          all.ok
            ? ok(all.value.filter((i) => key.parts.every(([f, v]) => norm(identity(i)[f]) === norm(v))))
            : all,
        );
      const where: NonNullable<QuerySpec["where"]> = [];
      for (const [field, value] of key.parts) {
        const column = CUSTOMER_QUERY_FIELD[field as keyof typeof CUSTOMER_QUERY_FIELD];
        if (!column) return undefined;
        where.push([column, "=", value]);
      }
      return queryPage(http, { entity, where, maxResults: 10 }).then((res) =>
        res.ok ? ok(res.value.rows) : res,
      );
    },
    async create(input) {
      if (entity !== "Customer" || !claims || !connection.realmId) return createNow(input);
      // A customer is created under the claim on its identity (ADR 0033), after one more look in
      // QBO: the wizard or the workflow action may have just made it for the same person.
      let made: Created | undefined;
      const claimed = await withCustomerClaim(
        claims,
        {
          realmId: connection.realmId,
          key: claimKeyOf({ email: input.identity.email, name: wanted(input) }),
        },
        () => findCustomerByIdentity(http, { email: input.identity.email, displayName: wanted(input) }),
        async () => {
          const res = await createNow(input);
          if (!res.ok) return res;
          made = res.value;
          return ok({ id: res.value.id, displayName: "" });
        },
      );
      if (!claimed.ok) return claimed;
      return ok(
        made ?? { id: claimed.value.id, written: {}, note: "(found in QuickBooks when about to create it)" },
      );
    },
    async update(link, current, changes, pairs) {
      const body = bodyOf(pairs, changes);
      const res = await updateEntity(
        http,
        entity,
        current,
        () => body,
        requestIdFor("update", link.connectionId, kind.link, link.qboId, JSON.stringify(body)),
      );
      return res.ok ? ok(undefined) : res;
    },
    async archive(link) {
      const current = await readEntity(http, entity, link.qboId);
      if (!current.ok) return current;
      const read = domainOf(kind, current.value);
      if (!read.ok) return err(read.error);
      if (activeOf(read.value)) {
        const res = await updateEntity(
          http,
          entity,
          current.value,
          deactivateChanges,
          requestIdFor("deactivate", link.connectionId, kind.link, link.qboId),
        );
        if (!res.ok) return res;
      }
      // The link's memory is keyed by field path, as the mappings write it.
      return ok({ Active: "false" });
    },

    pager(progress) {
      const where: QuerySpec["where"] = [
        [ACTIVE_FIELD, "=", true],
        ...(entity === "Item" ? [SELLABLE_ITEMS] : []),
      ];
      const fetchPage = (start: number) =>
        queryPage(http, {
          entity,
          where,
          orderBy: { field: ID_FIELD },
          startPosition: start,
          maxResults: MAX_RESULTS,
        });
      let start = progress.qboStart;
      // The count and the first page are read at once, while the target side is indexed.
      const ahead = [fetchPage(start)];
      return {
        total: progress.total === undefined ? queryCount(http, { entity, where }) : undefined,
        async next() {
          const page = await ahead.shift()!;
          if (!page.ok) return page;
          const rows = page.value.rows;
          const at = { qboStart: start };
          start += rows.length;
          const last = rows.length < MAX_RESULTS;
          // The next reads overlap this page's writes. Every page but the last is full, so the
          // pages after a full one start at known places: a read that meets faults (a slow answer,
          // a 429, a retry) then holds up nothing while the pages behind it are written.
          while (!last && ahead.length < READ_AHEAD)
            ahead.push(fetchPage(start + ahead.length * MAX_RESULTS));
          return ok({ records: rows, at, next: { qboStart: start }, last });
        },
        readCalls: (remaining) => ({ qboReads: Math.ceil(remaining / MAX_RESULTS), hubspotCalls: 0 }),
      };
    },
    async openTarget(_fields, options) {
      const all = await queryAll(http, { entity, where: [[ACTIVE_FIELD, "IN", [true, false]]] });
      if (!all.ok) return all;
      const index = new KeyIndex<Indexed<QboEntity>>();
      const taken = new Set<string>();
      for (const e of all.value.rows) {
        // A record that cannot be read still holds its name; it is never matched.
        const read = domainOf(kind, e);
        if (!read.ok) continue;
        taken.add(nameOf(read.value));
        if (activeOf(read.value)) index.add(qboIdOf(e), e, keysOf(kind.link, identity(e), settings.contacts));
        parsed.delete(e); // 100,000 indexed records keep their keys, not a second copy of themselves
      }
      const account = entity === "Item" && !options.dryRun ? await incomeAccount(http) : undefined;
      if (account && !account.ok) return account;
      const target: Target<QboEntity> = {
        index,
        prepare(input): Prepared {
          const name = uniqueDisplayName(wanted(input), taken);
          taken.add(name);
          const body = bodyOf(input.pairs, input.values);
          return {
            sourceId: input.sourceId,
            written: input.values,
            body: account?.ok ? newItem(body, name, account.value) : { ...body, [nameField]: name },
          };
        },
        async createBatch(batch) {
          const res = await batchCreate(
            http,
            entity,
            batch.map((b, j) => ({ bId: `b${j + 1}`, body: b.body })),
            // From the records themselves: a rerun that rebuilds the same batch replays QBO's answer.
            requestIdFor(options.syncId, ...batch.map((b) => b.sourceId)),
          );
          if (!res.ok) return res;
          return ok(
            res.value.map((o) =>
              o.entity ? { id: qboIdOf(o.entity) } : { refused: o.fault?.message ?? "unknown" },
            ),
          );
        },
        async createOne(prepared) {
          const res = await createEntity(
            http,
            entity,
            prepared.body,
            // From the record: a rerun that plans it as a single again replays QBO's first answer.
            requestIdFor(options.syncId, "one", prepared.sourceId),
          );
          if (res.ok) return ok({ id: qboIdOf(res.value) });
          // What QBO refuses for this record alone is its outcome, as a batch item's fault would be.
          if (REFUSALS.has(res.error.kind)) return ok({ refused: res.error.message });
          return res;
        },
        mix: QBO_MIX,
        batchSize: BATCH_SIZE,
        // Requests of one chunk in flight: under Intuit's 10 concurrent requests per company.
        inFlight: 6,
        idempotentCreates: false,
        writeCalls: (remaining) => {
          const chunks = remaining / chunkSizeOf(QBO_MIX);
          return {
            hubspotCalls: 0,
            qboBatches: Math.ceil(chunks * QBO_MIX.batches),
            qboSingles: Math.ceil(chunks * QBO_MIX.singles),
          };
        },
      };
      return ok(target);
    },
  };

  /** The mapped name if there is one, else one made from the source's identity; item names cannot hold a colon (QBO's sub-item separator). */
  function wanted(input: CreateInput): string {
    const name = input.values[nameField] || wantedName(kind.link, input.identity, input.sourceId);
    return entity === "Item" ? name.replace(/:/g, " ") : name;
  }
}
