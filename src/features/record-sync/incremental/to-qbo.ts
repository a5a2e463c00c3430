import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { getObject } from "../../../connectors/hubspot/crm.ts";
import { listMemberships } from "../../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import type { QboEntity } from "../../../connectors/qbo/client.ts";
import { createEntity, readEntity, requestIdFor, updateEntity } from "../../../connectors/qbo/write.ts";
import type { Database } from "../../../db/kysely.ts";
import { linkByHubspot, linkByQbo, saveLink, updateLink, type RecordLink } from "../repo/record-links.ts";
import { addReview } from "../repo/review-items.ts";
import { ok, type Result } from "../../../lib/result.ts";
import type { AppliedChange } from "../../changes/index.ts";
import { readQboPath, writeQboPath } from "../../settings/index.ts";
import { planFields, rememberWritten, type Values } from "../../settings/index.ts";
import { flowsToQbo, type SyncSettings } from "../../settings/index.ts";
import { filterFailure, filterProperties } from "../filters.ts";
import type { RecordKind } from "../kinds.ts";
import { matchInQbo } from "../match.ts";
import { done, retryOr, skipped } from "../outcome.ts";
import { pairsFor, type Pair } from "../pairs.ts";
import { completeCreateBody } from "../qbo-create.ts";

export interface HubSpotSide {
  db: Database;
  now: Date;
  hubspot: HttpClient;
  qbo: HttpClient;
  connection: { connectionId: string; realmId: string };
  settings: SyncSettings;
}

const hsLabel = (kind: RecordKind, id: string) => `HubSpot ${kind.hubspotType} ${id}`;

/**
 * A HubSpot contact, company or product changed, was created or archived: apply the company's
 * settings to the QBO side (C2–C3, C5, P2–P3). Archived → the delete rule (make inactive); linked →
 * field-by-field sparse update; unlinked → the sync filters, then match keys, then create.
 */
export async function hubspotRecordToQbo(
  side: HubSpotSide,
  kind: RecordKind,
  hubspotId: string,
  archived: boolean,
): Promise<AppliedChange> {
  const objectSettings = kind.settingsOf(side.settings);
  if (!flowsToQbo(objectSettings)) return skipped(`${hsLabel(kind, hubspotId)}: sync to QuickBooks is off`);
  const link = await linkByHubspot(side.db, side.connection.connectionId, kind.link, hubspotId);
  if (archived) return archivedInHubSpot(side, kind, hubspotId, link);
  if (objectSettings.createUpdate === "none")
    return skipped(`${hsLabel(kind, hubspotId)}: the rule is "do nothing"`);
  const pairs = await pairsFor(side.db, side.connection.connectionId, kind, "to_qbo");
  const extra = kind.link === "contact" ? filterProperties(side.settings.contacts.filters) : [];
  const names = ["email", "firstname", "lastname", "company", "name", "hs_sku", "domain", ...extra];
  const read = await getObject(side.hubspot, kind.hubspotType, hubspotId, [
    ...new Set([...pairs.map((p) => p.hubspotProperty), ...names]),
  ]);
  if (!read.ok) {
    if (read.error.kind === "not_found") return archivedInHubSpot(side, kind, hubspotId, link);
    return retryOr(`Could not read ${hsLabel(kind, hubspotId)}`, read.error);
  }
  const record: CrmRecord = { id: hubspotId, properties: read.value.properties };
  if (link)
    return link.archived
      ? skipped(`${hsLabel(kind, hubspotId)}: its QBO record was made inactive`)
      : updateLinked(side, kind, record, link, pairs);
  if (kind.link === "contact") {
    const refused = await filterRefusal(side, record);
    if (refused) return refused;
  }
  const match = await matchInQbo(side.qbo, kind, record, side.settings.contacts);
  if (!match.ok) return retryOr(`Could not look for ${hsLabel(kind, hubspotId)} in QuickBooks`, match.error);
  if (match.value.kind === "ambiguous") {
    await addReview(
      side.db,
      {
        connectionId: side.connection.connectionId,
        kind: kind.link,
        side: "hubspot",
        recordId: hubspotId,
        label: hsLabel(kind, hubspotId),
        reason: `several QuickBooks records fit by ${match.value.by}, or the fit contradicts its e-mail`,
        candidates: match.value.candidates,
      },
      side.now,
    );
    return skipped(`${hsLabel(kind, hubspotId)}: sent to review (${match.value.by})`);
  }
  if (match.value.kind === "matched") {
    const taken = await linkByQbo(side.db, side.connection.connectionId, kind.link, match.value.id);
    const fresh = {
      connectionId: side.connection.connectionId,
      kind: kind.link,
      qboId: match.value.id,
      hubspotId,
      toHubspot: {},
      toQbo: {},
    };
    if (taken || !(await saveLink(side.db, fresh, side.now)))
      return skipped(`${hsLabel(kind, hubspotId)}: its QuickBooks match is linked to another record`);
    return updateLinked(
      side,
      kind,
      record,
      { ...fresh, archived: false },
      pairs,
      `linked by ${match.value.by}`,
    );
  }
  if (objectSettings.createUpdate === "update_only")
    return skipped(`${hsLabel(kind, hubspotId)}: no QuickBooks record fits and the rule only updates`);
  return create(side, kind, record, pairs);
}

/** C5 is checked before a contact enters the sync; once linked, it keeps syncing (data-sync semantics). */
async function filterRefusal(side: HubSpotSide, record: CrmRecord): Promise<AppliedChange | undefined> {
  const reason = await contactFilterFailure(side.hubspot, side.settings, record);
  if (!reason.ok) return retryOr(`Could not read the lists of contact ${record.id}`, reason.error);
  return reason.value ? skipped(`HubSpot contact ${record.id} is not synced: ${reason.value}`) : undefined;
}

/** Why a contact does not pass the contact sync filters, or undefined (also used by W2). */
export async function contactFilterFailure(
  hubspot: HttpClient,
  settings: SyncSettings,
  record: CrmRecord,
): Promise<Result<string | undefined, VendorError>> {
  const filters = settings.contacts.filters;
  let lists: string[] = [];
  if (filters.listIds.length) {
    const res = await listMemberships(hubspot, "0-1", record.id);
    if (!res.ok) return res;
    lists = res.value;
  }
  return ok(filterFailure(record, filters, lists));
}

async function archivedInHubSpot(
  side: HubSpotSide,
  kind: RecordKind,
  hubspotId: string,
  link: RecordLink | undefined,
) {
  if (!link || link.archived)
    return skipped(`${hsLabel(kind, hubspotId)} archived; nothing linked to deactivate`);
  if (kind.settingsOf(side.settings).deleteRule !== "archive")
    return skipped(`${hsLabel(kind, hubspotId)} archived; the delete rule keeps the QuickBooks record`);
  const current = await readEntity(side.qbo, kind.qboEntity, link.qboId);
  if (!current.ok) return retryOr(`Could not read QuickBooks ${kind.qboEntity} ${link.qboId}`, current.error);
  if (current.value.Active !== false) {
    const res = await updateEntity(
      side.qbo,
      kind.qboEntity,
      current.value,
      () => ({ Active: false }),
      requestIdFor("deactivate", link.connectionId, kind.link, link.qboId),
    );
    if (!res.ok)
      return retryOr(`Could not make QuickBooks ${kind.qboEntity} ${link.qboId} inactive`, res.error);
  }
  await updateLink(side.db, link, { archived: true, toQbo: { ...link.toQbo, Active: "false" } }, side.now);
  return done(
    `${hsLabel(kind, hubspotId)} archived: QuickBooks ${kind.qboEntity} ${link.qboId} made inactive`,
  );
}

const hsValues = (record: CrmRecord, pairs: Pair[]): Values =>
  Object.fromEntries(
    pairs.map((p) => [p.hubspotProperty, record.properties[p.hubspotProperty] ?? undefined]),
  );

async function updateLinked(
  side: HubSpotSide,
  kind: RecordKind,
  record: CrmRecord,
  link: RecordLink,
  pairs: Pair[],
  how = "linked",
): Promise<AppliedChange> {
  const current = await readEntity(side.qbo, kind.qboEntity, link.qboId);
  if (!current.ok) return retryOr(`Could not read QuickBooks ${kind.qboEntity} ${link.qboId}`, current.error);
  const objectSettings = kind.settingsOf(side.settings);
  const plan = planFields({
    pairs: pairs.map((p) => ({ source: p.hubspotProperty, target: p.field.path })),
    source: hsValues(record, pairs),
    target: Object.fromEntries(pairs.map((p) => [p.field.path, readQboPath(current.value, p.field.path)])),
    lastToTarget: link.toQbo,
    lastToSource: link.toHubspot,
    targetWins: objectSettings.direction === "two_way" && objectSettings.winner === "qbo",
  });
  const changed = Object.keys(plan.changes);
  if (changed.length === 0)
    return skipped(
      `${hsLabel(kind, record.id)} → QuickBooks ${kind.qboEntity} ${link.qboId} (${how}): nothing to write`,
    );
  const body = bodyOf(pairs, plan.changes);
  const res = await updateEntity(
    side.qbo,
    kind.qboEntity,
    current.value,
    () => body,
    requestIdFor("update", link.connectionId, kind.link, link.qboId, JSON.stringify(body)),
  );
  if (!res.ok) return retryOr(`Could not update QuickBooks ${kind.qboEntity} ${link.qboId}`, res.error);
  await updateLink(side.db, link, { toQbo: rememberWritten(link.toQbo, plan.changes) }, side.now);
  return done(
    `${hsLabel(kind, record.id)} → QuickBooks ${kind.qboEntity} ${link.qboId} (${how}): ${changed.join(", ")}`,
  );
}

/** A QBO body from path → value changes; a cleared text field is sent empty (sparse update). */
function bodyOf(pairs: Pair[], changes: Record<string, string | null>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(changes)) {
    const field = pairs.find((p) => p.field.path === path)!.field;
    writeQboPath(body, field, value ?? "");
  }
  return body;
}

async function create(
  side: HubSpotSide,
  kind: RecordKind,
  record: CrmRecord,
  pairs: Pair[],
): Promise<AppliedChange> {
  const values: Record<string, string | null> = {};
  for (const pair of pairs) {
    const value = record.properties[pair.hubspotProperty];
    if (value) values[pair.field.path] = value;
  }
  const body = await completeCreateBody(side.qbo, kind, record, bodyOf(pairs, values));
  if (!body.ok)
    return retryOr(`Could not prepare the QuickBooks record of ${hsLabel(kind, record.id)}`, body.error);
  const created = await createEntity(
    side.qbo,
    kind.qboEntity,
    body.value,
    requestIdFor("create", side.connection.connectionId, kind.link, record.id),
  );
  if (!created.ok)
    return retryOr(`Could not create the QuickBooks record of ${hsLabel(kind, record.id)}`, created.error);
  const written = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ""]));
  const saved = await saveLink(
    side.db,
    {
      connectionId: side.connection.connectionId,
      kind: kind.link,
      qboId: created.value.Id,
      hubspotId: record.id,
      toHubspot: {},
      toQbo: written,
    },
    side.now,
  );
  if (!saved)
    return skipped(
      `${hsLabel(kind, record.id)}: created QuickBooks ${kind.qboEntity} ${created.value.Id} is linked elsewhere`,
    );
  return done(
    `${hsLabel(kind, record.id)} → created QuickBooks ${kind.qboEntity} ${created.value.Id} "${String(created.value.DisplayName ?? created.value.Name ?? "")}"`,
  );
}

export type { QboEntity };
