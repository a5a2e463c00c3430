import type { Kysely } from "kysely";

/**
 * ADR 0033.
 *
 * `parked_jobs`: work that met a connection needing reconnecting (its grant was refused) or a
 * portal whose set-up has not finished. Such a job ends quietly instead of burning its retries;
 * its row is re-enqueued, in the same transaction, when the connection is reconnected or the
 * set-up completes. One row per owner, job and payload: parking the same work twice keeps one.
 *
 * `customer_claims`: a lease on "creating the QBO customer for this identity in this company",
 * so that two processes creating a customer for one new contact take turns, and the second finds
 * the first one's customer instead of creating "John Smith (2)".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("parked_jobs")
    // "qbo:<connection id>", "hubspot:<portal id>" or "setup:<portal id>": what the job waits for.
    .addColumn("waits_for", "text", (c) => c.notNull())
    .addColumn("job_name", "text", (c) => c.notNull())
    // The payload as JSON text: part of the key, so the same work is parked once.
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("parked_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("parked_jobs_pk", ["waits_for", "job_name", "payload"])
    .execute();

  await db.schema
    .createTable("customer_claims")
    .addColumn("realm_id", "text", (c) => c.notNull())
    // The identity's strongest key, normalised ("email:john@example.com", "name:john smith").
    .addColumn("identity_key", "text", (c) => c.notNull())
    .addColumn("holder", "text", (c) => c.notNull())
    // A holder that died lets go when its lease ends; a release ends it at once.
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    // The customer the last holder created, and when: the next holder within minutes reuses it.
    .addColumn("customer_id", "text")
    .addColumn("customer_at", "timestamptz")
    .addPrimaryKeyConstraint("customer_claims_pk", ["realm_id", "identity_key"])
    .execute();
}
