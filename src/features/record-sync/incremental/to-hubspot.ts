import type { HttpClient } from "../../../connectors/http-client.ts";
import { getObject } from "../../../connectors/hubspot/crm.ts";
import { archiveRecord, batchUpsert, updateRecord } from "../../../connectors/hubspot/records.ts";
import type { QboEntity } from "../../../connectors/qbo/client.ts";
import type { Database } from "../../../db/kysely.ts";
import { linkByHubspot, linkByQbo, saveLink, updateLink, type RecordLink } from "../repo/record-links.ts";
import { addReview } from "../repo/review-items.ts";
import type { AppliedChange } from "../../changes/index.ts";
import { readQboPath } from "../../settings/index.ts";
import { planFields, rememberWritten, type Values } from "../../settings/index.ts";
import { flowsToHubSpot, type SyncSettings } from "../../settings/index.ts";
import { keyOf, type RecordKind } from "../kinds.ts";
import { matchInHubSpot } from "../match.ts";
import { done, retryOr, skipped } from "../outcome.ts";
import { pairsFor, type Pair } from "../pairs.ts";
import { ensurePrimaryContact } from "../primary-contact.ts";

export interface QboSide {
  db: Database;
  now: Date;
  hubspot: HttpClient;
  connection: { connectionId: string; realmId: string };
  settings: SyncSettings;
}

const qboValues = (entity: QboEntity, pairs: Pair[]): Values =>
  Object.fromEntries(pairs.map((p) => [p.field.path, readQboPath(entity, p.field.path)]));

const label = (kind: RecordKind, entity: QboEntity) =>
  `${kind.qboEntity} ${String(entity.DisplayName ?? entity.Name ?? entity.Id)}`;

/**
 * A QBO customer or item changed (webhook or CDC): apply the company's settings to the HubSpot
 * side (C2–C3, P2–P3): archive on deactivation, update the linked record field by field, or find
 * the record it is (match keys) or create it, as the create-and-update rule allows.
 */
export async function qboRecordToHubSpot(
  side: QboSide,
  kind: RecordKind,
  entity: QboEntity,
): Promise<AppliedChange> {
  const objectSettings = kind.settingsOf(side.settings);
  if (!flowsToHubSpot(objectSettings)) return skipped(`${label(kind, entity)}: sync to HubSpot is off`);
  const link = await linkByQbo(side.db, side.connection.connectionId, kind.link, entity.Id);
  if (entity.Active === false) return deactivated(side, kind, entity, link);
  if (objectSettings.createUpdate === "none")
    return skipped(`${label(kind, entity)}: the rule is "do nothing"`);
  const pairs = await pairsFor(side.db, side.connection.connectionId, kind, "to_hubspot");
  if (link) {
    if (link.archived) return skipped(`${label(kind, entity)}: its HubSpot record was archived`);
    return updateLinked(side, kind, entity, link, pairs);
  }
  const match = await matchInHubSpot(side.hubspot, kind, entity, side.settings.contacts);
  if (!match.ok) return retryOr(`Could not look for ${label(kind, entity)} in HubSpot`, match.error);
  if (match.value.kind === "ambiguous") {
    await addReview(
      side.db,
      {
        connectionId: side.connection.connectionId,
        kind: kind.link,
        side: "qbo",
        recordId: entity.Id,
        label: label(kind, entity),
        reason: `several HubSpot records fit by ${match.value.by}, or the fit contradicts its e-mail`,
        candidates: match.value.candidates,
      },
      side.now,
    );
    return skipped(`${label(kind, entity)}: sent to review (${match.value.by})`);
  }
  if (match.value.kind === "matched") {
    const taken = await linkByHubspot(side.db, side.connection.connectionId, kind.link, match.value.id);
    const linked =
      !taken && (await saveLink(side.db, newLink(side, kind, entity.Id, match.value.id), side.now));
    if (!linked)
      return skipped(`${label(kind, entity)}: its match is linked to another record; sent to review`);
    const fresh = (await linkByQbo(side.db, side.connection.connectionId, kind.link, entity.Id))!;
    return updateLinked(side, kind, entity, fresh, pairs, `linked by ${match.value.by}`);
  }
  if (objectSettings.createUpdate === "update_only")
    return skipped(`${label(kind, entity)}: no HubSpot record fits and the rule only updates`);
  return create(side, kind, entity, pairs);
}

const newLink = (side: QboSide, kind: RecordKind, qboId: string, hubspotId: string) => ({
  connectionId: side.connection.connectionId,
  kind: kind.link,
  qboId,
  hubspotId,
  toHubspot: {},
  toQbo: {},
});

async function deactivated(side: QboSide, kind: RecordKind, entity: QboEntity, link: RecordLink | undefined) {
  if (!link || link.archived)
    return skipped(`${label(kind, entity)} made inactive; nothing linked to archive`);
  if (kind.settingsOf(side.settings).deleteRule !== "archive")
    return skipped(`${label(kind, entity)} made inactive; the delete rule keeps HubSpot's record`);
  const res = await archiveRecord(side.hubspot, kind.hubspotType, link.hubspotId);
  if (!res.ok) return retryOr(`Could not archive HubSpot ${kind.hubspotType} ${link.hubspotId}`, res.error);
  await updateLink(side.db, link, { archived: true }, side.now);
  return done(`${label(kind, entity)} made inactive: HubSpot ${kind.hubspotType} ${link.hubspotId} archived`);
}

async function updateLinked(
  side: QboSide,
  kind: RecordKind,
  entity: QboEntity,
  link: RecordLink,
  pairs: Pair[],
  how = "linked",
): Promise<AppliedChange> {
  const current = await getObject(
    side.hubspot,
    kind.hubspotType,
    link.hubspotId,
    pairs.map((p) => p.hubspotProperty),
  );
  if (!current.ok) {
    if (current.error.kind === "not_found") {
      await updateLink(side.db, link, { archived: true }, side.now);
      return skipped(
        `${label(kind, entity)}: HubSpot ${kind.hubspotType} ${link.hubspotId} no longer exists`,
      );
    }
    return retryOr(`Could not read HubSpot ${kind.hubspotType} ${link.hubspotId}`, current.error);
  }
  const objectSettings = kind.settingsOf(side.settings);
  const plan = planFields({
    pairs: pairs.map((p) => ({ source: p.field.path, target: p.hubspotProperty })),
    source: qboValues(entity, pairs),
    target: Object.fromEntries(Object.entries(current.value.properties).map(([k, v]) => [k, v ?? undefined])),
    lastToTarget: link.toHubspot,
    lastToSource: link.toQbo,
    targetWins: objectSettings.direction === "two_way" && objectSettings.winner === "hubspot",
  });
  const names = Object.keys(plan.changes);
  if (names.length === 0)
    return skipped(
      `${label(kind, entity)}: HubSpot ${kind.hubspotType} ${link.hubspotId} ${how}, nothing to write (${summary(plan.skipped)})`,
    );
  const props = Object.fromEntries(Object.entries(plan.changes).map(([k, v]) => [k, v ?? ""]));
  const res = await updateRecord(side.hubspot, kind.hubspotType, link.hubspotId, props);
  if (!res.ok) return retryOr(`Could not update HubSpot ${kind.hubspotType} ${link.hubspotId}`, res.error);
  await updateLink(side.db, link, { toHubspot: rememberWritten(link.toHubspot, plan.changes) }, side.now);
  return done(
    `${label(kind, entity)} → HubSpot ${kind.hubspotType} ${link.hubspotId} (${how}): ${names.join(", ")}`,
  );
}

const summary = (skippedFields: Array<{ why: string }>) => {
  const counts = new Map<string, number>();
  for (const s of skippedFields) counts.set(s.why, (counts.get(s.why) ?? 0) + 1);
  return [...counts].map(([why, n]) => `${n} ${why}`).join(", ") || "no mapped fields";
};

async function create(
  side: QboSide,
  kind: RecordKind,
  entity: QboEntity,
  pairs: Pair[],
): Promise<AppliedChange> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const value = readQboPath(entity, pair.field.path);
    if (value !== undefined) values[pair.hubspotProperty] = value;
  }
  if (kind.link === "company" && !values.name) values.name = String(entity.DisplayName ?? "");
  const key = keyOf(side.connection.realmId, entity.Id);
  const res = await batchUpsert(side.hubspot, kind.hubspotType, kind.keyProperty, [
    { id: key, properties: { ...values, [kind.keyProperty]: key, [kind.idProperty]: entity.Id } },
  ]);
  if (!res.ok) return retryOr(`Could not create the HubSpot record of ${label(kind, entity)}`, res.error);
  const hubspotId = res.value[0]?.id;
  if (!hubspotId) return skipped(`${label(kind, entity)}: HubSpot answered no record`);
  const linked = await saveLink(
    side.db,
    { ...newLink(side, kind, entity.Id, hubspotId), toHubspot: values },
    side.now,
  );
  const person =
    kind.link === "company" ? await ensurePrimaryContact(side.hubspot, hubspotId, entity) : undefined;
  if (person && !person.ok)
    return retryOr(`Could not add the primary contact of ${label(kind, entity)}`, person.error);
  if (!linked)
    return skipped(
      `${label(kind, entity)}: created HubSpot ${kind.hubspotType} ${hubspotId} is linked elsewhere`,
    );
  const withPerson = person?.ok && person.value ? ` with primary contact ${person.value}` : "";
  return done(`${label(kind, entity)} → created HubSpot ${kind.hubspotType} ${hubspotId}${withPerson}`);
}
