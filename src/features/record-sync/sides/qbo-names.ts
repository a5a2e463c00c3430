import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { queryAll, queryPage } from "../../../connectors/qbo/client.ts";
import { ACCOUNT_QUERY_FIELD, ACTIVE_FIELD, partitionAccounts } from "../../../connectors/qbo/wire/index.ts";
import type { LinkKind } from "../../../db/schema/index.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { uniqueDisplayName, type Identity } from "../identity/index.ts";

/**
 * The name a new QBO customer or item is given when the mapping brings none: a contact is
 * "Company (Person)" (two contacts of one company stay apart, the known failure of others), else
 * the person, the company or the e-mail; a company its name or domain; a product its name or SKU.
 */
export function wantedName(kind: LinkKind, who: Identity, id: string): string {
  if (kind === "product") return who.name || who.sku || `Product ${id}`;
  if (kind === "company") return who.name || who.domain || `Company ${id}`;
  const person = [who.firstName, who.lastName].filter(Boolean).join(" ");
  if (person && who.company) return `${who.company} (${person})`;
  return person || who.company || who.email || `Contact ${id}`;
}

/**
 * A name no record of the entity has (QBO refuses a duplicate DisplayName or item Name with 6240,
 * inactive records included), with a readable, deterministic suffix instead of an error.
 */
export async function freeName(
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
      [ACTIVE_FIELD, "IN", [true, false]],
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

/** The income account new items are booked to: "Services" or "Sales…" if there is one. */
export async function incomeAccount(
  http: HttpClient,
): Promise<Result<{ value: string; name: string }, VendorError>> {
  const res = await queryPage(http, {
    entity: "Account",
    where: [[ACCOUNT_QUERY_FIELD.type, "=", "Income"]],
    maxResults: 100,
  });
  if (!res.ok) return res;
  // An account without an id cannot be booked to: left out.
  const accounts = partitionAccounts(res.value.rows).values;
  const preferred = accounts.find((a) => /^(services|sales)/i.test(a.name)) ?? accounts[0];
  if (!preferred)
    return err({
      kind: "validation",
      retryable: false,
      message: "the QuickBooks company has no income account for new items",
    });
  return ok({ value: preferred.id, name: preferred.name });
}
