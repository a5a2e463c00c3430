import { randomUUID } from "node:crypto";
import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { queryPage } from "../../connectors/qbo/client.ts";
import {
  ACTIVE_FIELD,
  CUSTOMER_QUERY_FIELD,
  NAME_FIELD,
  partitionCustomers,
} from "../../connectors/qbo/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { KeyedMutex } from "../../lib/mutex.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import { norm } from "./identity/index.ts";
import { releaseCustomerClaim, takeCustomerClaim } from "./repo/customer-claims.ts";

/**
 * Creating a QBO customer is serialised per company and identity (ADR 0033): the wizard's push,
 * the workflow action and record sync all create customers, and two of them acting at once for
 * one new contact made "John Smith" and "John Smith (2)". Callers in this process queue on a
 * mutex; other processes meet at a lease row (`customer_claims`), which a dead holder loses when
 * it expires. Whoever holds the claim matches again first (the customer the previous holder just
 * created, then QBO itself), and creates only when nothing fits.
 */

/** A lease outlives any one creation (a few QBO calls); a holder that died frees it after this. */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** The previous holder's customer is the answer for this long: a race, not a new person. */
export const CLAIM_MEMORY_MS = 10 * 60_000;
const POLL_MS = 250;

export interface ClaimDeps {
  db: Database;
  clock: Clock;
  /** Waiting for another process's lease; tests inject theirs. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Claimed {
  id: string;
  displayName: string;
}

/**
 * The identity's strongest key ("email:…", else "name:…"), normalised, or undefined when it has
 * neither (nothing to serialise on: such a customer is created as asked).
 */
export function claimKeyOf(party: { email?: string; name?: string }): string | undefined {
  const email = norm(party.email);
  if (email) return `email:${email}`;
  const name = norm(party.name);
  return name ? `name:${name}` : undefined;
}

const locks = new KeyedMutex();

/**
 * Runs `find` then, when it finds nothing, `create`, holding the claim on `key` in `realmId`.
 * `find` is the match at push time (QBO searched by the identity); a customer the previous holder
 * created within CLAIM_MEMORY_MS is returned without asking QBO.
 */
export async function withCustomerClaim(
  deps: ClaimDeps,
  claim: { realmId: string; key: string | undefined },
  find: () => Promise<Result<Claimed | undefined, VendorError>>,
  create: () => Promise<Result<Claimed, VendorError>>,
): Promise<Result<Claimed, VendorError>> {
  const { key } = claim;
  if (!key) return create();
  return locks.run(`${claim.realmId}\u0000${key}`, () =>
    underLease(deps, { realmId: claim.realmId, identityKey: key }, find, create),
  );
}

async function underLease(
  deps: ClaimDeps,
  claim: { realmId: string; identityKey: string },
  find: () => Promise<Result<Claimed | undefined, VendorError>>,
  create: () => Promise<Result<Claimed, VendorError>>,
): Promise<Result<Claimed, VendorError>> {
  const held = { ...claim, holder: randomUUID() };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let taken = await takeCustomerClaim(deps.db, held, deps.clock.now(), CLAIM_LEASE_MS);
  for (let waited = 0; !taken; waited += POLL_MS) {
    // Another process is creating this customer: wait for it rather than race it.
    if (waited >= CLAIM_LEASE_MS)
      return err({ kind: "conflict", retryable: true, message: "another process is creating this customer" });
    await sleep(POLL_MS);
    taken = await takeCustomerClaim(deps.db, held, deps.clock.now(), CLAIM_LEASE_MS);
  }
  let created: string | undefined;
  try {
    const now = deps.clock.now().getTime();
    if (taken.customerId && taken.customerAt && now - taken.customerAt.getTime() <= CLAIM_MEMORY_MS)
      return ok({ id: taken.customerId, displayName: "" });
    const found = await find();
    if (!found.ok || found.value) return found as Result<Claimed, VendorError>;
    const made = await create();
    if (made.ok) created = made.value.id;
    return made;
  } finally {
    await releaseCustomerClaim(deps.db, held, deps.clock.now(), created);
  }
}

/**
 * The match at push time: the one active QBO customer with this e-mail (or, without an e-mail,
 * this exact display name), or undefined when none or several fit (several: a person decides
 * elsewhere; here a new customer is made as asked).
 */
export async function findCustomerByIdentity(
  http: HttpClient,
  who: { email?: string; displayName: string },
): Promise<Result<Claimed | undefined, VendorError>> {
  const email = who.email?.trim();
  const by: [string, "=", string] = email
    ? [CUSTOMER_QUERY_FIELD.email!, "=", email]
    : [NAME_FIELD.Customer, "=", who.displayName.trim()];
  const res = await queryPage(http, {
    entity: "Customer",
    where: [by, [ACTIVE_FIELD, "=", true]],
    maxResults: 10,
  });
  if (!res.ok) return res;
  const fits = partitionCustomers(res.value.rows).values.filter((c) =>
    email ? norm(c.email) === norm(email) : norm(c.displayName) === norm(who.displayName),
  );
  if (fits.length !== 1) return ok(undefined);
  return ok({ id: fits[0]!.id, displayName: fits[0]!.displayName });
}
