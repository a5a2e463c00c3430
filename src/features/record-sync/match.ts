import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { findBy } from "../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../connectors/hubspot/search.ts";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import { queryAll, queryPage } from "../../connectors/qbo/client.ts";
import type { QuerySpec } from "../../connectors/qbo/query.ts";
import { ok, type Result } from "../../lib/result.ts";
import { readQboPath } from "../settings/index.ts";
import type { ContactSettings } from "../settings/index.ts";
import type { RecordKind } from "./kinds.ts";

/**
 * Identity (issue 7): a record is matched on one key at a time, in order, and only when exactly
 * one record fits. Two fits, or a fit that contradicts a stronger key (same name, different
 * e-mail), is not guessed: it goes to the review list.
 */
export type Match =
  | { kind: "matched"; id: string; by: string }
  | { kind: "ambiguous"; candidates: Array<{ id: string; label: string }>; by: string }
  | { kind: "none" };

const norm = (s: string | null | undefined) =>
  (s ?? "").normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

interface KeyTry<T> {
  by: string;
  run: () => Promise<Result<T[], VendorError>>;
  /** A fit that a stronger key contradicts is not a match. */
  conflicts?: (found: T) => boolean;
}

async function firstKey<T>(
  tries: Array<KeyTry<T> | undefined>,
  idOf: (t: T) => string,
  labelOf: (t: T) => string,
): Promise<Result<Match, VendorError>> {
  for (const key of tries) {
    if (!key) continue;
    const found = await key.run();
    if (!found.ok) return found;
    if (found.value.length === 0) continue;
    const candidates = found.value.map((t) => ({ id: idOf(t), label: labelOf(t) }));
    if (found.value.length > 1 || (key.conflicts && key.conflicts(found.value[0]!)))
      return ok({ kind: "ambiguous", candidates, by: key.by });
    return ok({ kind: "matched", id: candidates[0]!.id, by: key.by });
  }
  return ok({ kind: "none" });
}

const hsLabel = (r: CrmRecord) =>
  [r.properties.firstname, r.properties.lastname].filter(Boolean).join(" ") ||
  r.properties.name ||
  r.properties.email ||
  r.id;

/** A QBO customer or item → the HubSpot record it is, if one safely is. */
export async function matchInHubSpot(
  http: HttpClient,
  kind: RecordKind,
  entity: QboEntity,
  contactSettings: ContactSettings,
): Promise<Result<Match, VendorError>> {
  const props = ["email", "firstname", "lastname", "company", "name", "hs_sku", "phone"];
  const search = (
    filters: Array<{ property: string; value: string | undefined }>,
  ): KeyTry<CrmRecord>["run"] | undefined =>
    filters.every((f) => f.value && f.value.trim())
      ? () => findBy(http, kind.hubspotType, filters as Array<{ property: string; value: string }>, props)
      : undefined;
  const key = (
    by: string,
    run: KeyTry<CrmRecord>["run"] | undefined,
    conflicts?: KeyTry<CrmRecord>["conflicts"],
  ) => (run ? { by, run, conflicts } : undefined);
  const email = readQboPath(entity, "PrimaryEmailAddr.Address");
  const otherEmail = (r: CrmRecord) =>
    Boolean(email && r.properties.email && norm(r.properties.email) !== norm(email));
  if (kind.link === "contact") {
    const given = readQboPath(entity, "GivenName");
    const family = readQboPath(entity, "FamilyName");
    return firstKey(
      [
        key("email", search([{ property: "email", value: email }])),
        contactSettings.matchByNameAndCompany
          ? key(
              "name and company",
              search([
                { property: "firstname", value: given },
                { property: "lastname", value: family },
                { property: "company", value: readQboPath(entity, "CompanyName") },
              ]),
              otherEmail,
            )
          : undefined,
        contactSettings.matchByPhone
          ? key(
              "phone",
              search([{ property: "phone", value: readQboPath(entity, "PrimaryPhone.FreeFormNumber") }]),
              otherEmail,
            )
          : undefined,
      ],
      (r) => r.id,
      hsLabel,
    );
  }
  if (kind.link === "company") {
    const name = readQboPath(entity, "CompanyName") ?? readQboPath(entity, "DisplayName");
    return firstKey([key("name", search([{ property: "name", value: name }]))], (r) => r.id, hsLabel);
  }
  // Products: SKU, then name; HubSpot's EQ ignores case, as our SKU rule does.
  return firstKey(
    [
      key("SKU", search([{ property: "hs_sku", value: readQboPath(entity, "Sku") }])),
      key("name", search([{ property: "name", value: readQboPath(entity, "Name") }])),
    ],
    (r) => r.id,
    hsLabel,
  );
}

const qboLabel = (e: QboEntity) => String(e.DisplayName ?? e.Name ?? e.Id);

/** A HubSpot contact, company or product → the QBO customer or item it is, if one safely is. */
export async function matchInQbo(
  http: HttpClient,
  kind: RecordKind,
  record: CrmRecord,
  contactSettings: ContactSettings,
): Promise<Result<Match, VendorError>> {
  const p = record.properties;
  const query = (where: QuerySpec["where"]): KeyTry<QboEntity>["run"] | undefined =>
    (where ?? []).every(([, , v]) => typeof v !== "string" || v.trim())
      ? async () => {
          const res = await queryPage(http, { entity: kind.qboEntity, where, maxResults: 10 });
          return res.ok ? ok(res.value.rows) : res;
        }
      : undefined;
  const key = (
    by: string,
    run: KeyTry<QboEntity>["run"] | undefined,
    conflicts?: KeyTry<QboEntity>["conflicts"],
  ) => (run ? { by, run, conflicts } : undefined);
  if (kind.link === "contact") {
    const email = p.email ?? "";
    const otherEmail = (c: QboEntity) => {
      const theirs = readQboPath(c, "PrimaryEmailAddr.Address");
      return Boolean(email && theirs && norm(theirs) !== norm(email));
    };
    return firstKey(
      [
        key("email", query([["PrimaryEmailAddr", "=", email]])),
        contactSettings.matchByNameAndCompany
          ? key(
              "name and company",
              query([
                ["GivenName", "=", p.firstname ?? ""],
                ["FamilyName", "=", p.lastname ?? ""],
                ["CompanyName", "=", p.company ?? ""],
              ]),
              otherEmail,
            )
          : undefined,
      ],
      (c) => c.Id,
      qboLabel,
    );
  }
  if (kind.link === "company")
    return firstKey([key("name", query([["CompanyName", "=", p.name ?? ""]]))], (c) => c.Id, qboLabel);
  return matchItem(http, record);
}

/** QBO's query compares text as typed; a SKU differing only in case must still match, so items are compared here. */
async function matchItem(http: HttpClient, record: CrmRecord): Promise<Result<Match, VendorError>> {
  const all = await queryAll(http, { entity: "Item", where: [["Active", "=", true]] });
  if (!all.ok) return all;
  const items = all.value.rows.filter((i) => i.Type !== "Category");
  const fits = (value: string | null | undefined, field: string) =>
    norm(value) ? items.filter((i) => norm(readQboPath(i, field)) === norm(value)) : [];
  return firstKey(
    [
      { by: "SKU", run: async () => ok(fits(record.properties.hs_sku, "Sku")) },
      { by: "name", run: async () => ok(fits(record.properties.name, "Name")) },
    ],
    (i) => i.Id,
    qboLabel,
  );
}
