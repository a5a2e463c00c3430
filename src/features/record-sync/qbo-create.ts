import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { queryAll, queryPage, type QboEntity } from "../../connectors/qbo/client.ts";
import type { CrmRecord } from "../../connectors/hubspot/search.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import { uniqueDisplayName } from "./identity/customer-match.ts";
import type { RecordKind } from "./kinds.ts";

/**
 * What a new QBO customer or item needs beyond the mapped fields: a unique name (QBO refuses a
 * duplicate DisplayName / item Name with 6240, inactive records included, so collisions get a
 * readable, deterministic suffix instead of an error), and for items a type and income account.
 */
export async function completeCreateBody(
  http: HttpClient,
  kind: RecordKind,
  record: CrmRecord,
  body: Record<string, unknown>,
): Promise<Result<Record<string, unknown>, VendorError>> {
  if (kind.qboEntity === "Customer") {
    const wanted = String(body.DisplayName ?? "") || displayNameFor(kind, record);
    const name = await freeName(http, "Customer", "DisplayName", wanted);
    return name.ok ? ok({ ...body, DisplayName: name.value }) : name;
  }
  const wanted =
    String(body.Name ?? "") || record.properties.name || record.properties.hs_sku || `Product ${record.id}`;
  const name = await freeName(http, "Item", "Name", wanted.replace(/:/g, " "));
  if (!name.ok) return name;
  const account = await incomeAccount(http);
  if (!account.ok) return account;
  return ok({ Type: "Service", ...body, Name: name.value, IncomeAccountRef: account.value });
}

function displayNameFor(kind: RecordKind, record: CrmRecord): string {
  const p = record.properties;
  if (kind.link === "company") return p.name || p.domain || `Company ${record.id}`;
  const person = [p.firstname, p.lastname].filter(Boolean).join(" ");
  // "Company (Person)" keeps two contacts of one company apart, the known failure of others.
  if (person && p.company) return `${p.company} (${person})`;
  return person || p.company || p.email || `Contact ${record.id}`;
}

async function freeName(
  http: HttpClient,
  entity: string,
  field: string,
  wanted: string,
): Promise<Result<string, VendorError>> {
  const base = wanted.trim().replace(/\s+/g, " ").slice(0, 90);
  const taken = await queryAll(http, {
    entity,
    where: [
      [field, "LIKE", `${base}%`],
      ["Active", "IN", [true, false]],
    ],
  });
  if (!taken.ok) return taken;
  return ok(
    uniqueDisplayName(
      base,
      taken.value.rows.map((r) => String(r[field] ?? "")),
    ),
  );
}

export async function incomeAccount(
  http: HttpClient,
): Promise<Result<{ value: string; name: string }, VendorError>> {
  const res = await queryPage(http, {
    entity: "Account",
    where: [["AccountType", "=", "Income"]],
    maxResults: 100,
  });
  if (!res.ok) return res;
  const accounts = res.value.rows as Array<QboEntity & { Name?: string }>;
  const preferred = accounts.find((a) => /^(services|sales)/i.test(String(a.Name ?? ""))) ?? accounts[0];
  if (!preferred)
    return err({
      kind: "validation",
      retryable: false,
      message: "the QuickBooks company has no income account for new items",
    });
  return ok({ value: preferred.Id, name: String(preferred.Name ?? "") });
}
