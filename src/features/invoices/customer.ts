import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { queryAll } from "../../connectors/qbo/client.ts";
import { createEntity, requestIdFor } from "../../connectors/qbo/write.ts";
import {
  ACTIVE_FIELD,
  customerBody,
  NAME_FIELD,
  parseEntityId,
  partitionCustomers,
} from "../../connectors/qbo/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import {
  claimKeyOf,
  findCustomerByIdentity,
  uniqueDisplayName,
  withCustomerClaim,
  type ClaimDeps,
} from "../record-sync/index.ts";
import { replaceDraftData } from "./repo/index.ts";
import type { CompleteDraft } from "./wizard/draft.ts";

const MAX_NAME_RACES = 3;

/**
 * The draft's QBO customer id, creating the customer first when the user chose "Create a new
 * QuickBooks customer" (I3). The DisplayName is made unique against every customer, inactive ones
 * included (QBO's 6240 counts them), just before the write. The new id is saved into the draft at
 * once: a rerun after a crash uses it instead of creating (and the requestid would replay anyway).
 */
export async function ensureCustomer(
  deps: ClaimDeps,
  http: HttpClient,
  realmId: string,
  draftId: string,
  draft: CompleteDraft,
): Promise<Result<string, VendorError>> {
  const { db } = deps;
  const wanted = draft.customer;
  if (wanted.kind === "existing") return ok(wanted.id);
  const created = await createUniqueCustomer(http, wanted, ["draft", draftId], { deps, realmId });
  if (!created.ok) return created;
  await rememberCustomer(db, draftId, draft, created.value.id, created.value.displayName);
  return ok(created.value.id);
}

type NewCustomer = Extract<CompleteDraft["customer"], { kind: "new" }>;

/**
 * The QBO customer for a new party (also W2's workflow action), serialised per company and
 * identity (ADR 0033): under the claim, the customer another request just created for the same
 * e-mail (or name) is found and used; only when none fits is one created, under a DisplayName no
 * customer has. `requestKey` makes each write replay rather than duplicate on a rerun.
 */
export async function createUniqueCustomer(
  http: HttpClient,
  wanted: Omit<NewCustomer, "kind">,
  requestKey: string[],
  claim: { deps: ClaimDeps; realmId: string },
): Promise<Result<{ id: string; displayName: string }, VendorError>> {
  const got = await withCustomerClaim(
    claim.deps,
    { realmId: claim.realmId, key: claimKeyOf({ email: wanted.email, name: wanted.displayName }) },
    () => findCustomerByIdentity(http, wanted),
    () => createUnderFreeName(http, wanted, requestKey),
  );
  // A customer remembered from the previous holder comes back without its name: it was this one.
  return got.ok && !got.value.displayName ? ok({ ...got.value, displayName: wanted.displayName }) : got;
}

async function createUnderFreeName(
  http: HttpClient,
  wanted: Omit<NewCustomer, "kind">,
  requestKey: string[],
): Promise<Result<{ id: string; displayName: string }, VendorError>> {
  for (let attempt = 1; ; attempt++) {
    const taken = await queryAll(http, {
      entity: "Customer",
      where: [
        [NAME_FIELD.Customer, "LIKE", `${wanted.displayName.trim().slice(0, 80)}%`],
        [ACTIVE_FIELD, "IN", [true, false]],
      ],
    });
    if (!taken.ok) return err(taken.error);
    // A row without a DisplayName (malformed) cannot clash with the name we choose: left out.
    const names = partitionCustomers(taken.value.rows).values.map((c) => c.displayName);
    const displayName = uniqueDisplayName(wanted.displayName, names);
    const created = await createEntity(
      http,
      "Customer",
      customerBody({ ...wanted, displayName }),
      // A name race (someone took it between our read and write) retries under a new id.
      requestIdFor(...requestKey, "customer", attempt === 1 ? "" : String(attempt)),
    );
    if (created.ok) {
      const id = parseEntityId(created.value);
      return id.ok ? ok({ id: id.value, displayName }) : id;
    }
    if (created.error.kind !== "duplicate" || attempt >= MAX_NAME_RACES) return err(created.error);
  }
}

async function rememberCustomer(
  db: Database,
  draftId: string,
  draft: CompleteDraft,
  id: string,
  displayName: string,
): Promise<void> {
  const data = { ...draft, customer: { kind: "existing" as const, id, displayName } };
  await replaceDraftData(db, draftId, data);
}
