/**
 * The invoices feature's SQL: every Kysely query of the feature is in this folder, one file per
 * table (or per table it reads from another feature: record links, viewers; companies come from the
 * connections feature's index).
 *
 * Transactions, one convention: a repo function never starts a transaction. It runs on whatever
 * `Database` it is given, the pool or a transaction. A service that needs several writes (and the
 * jobs they queue) to commit together starts the transaction with `inTransaction(db, fn)` and
 * passes the transaction to the repo functions and to `queue.enqueue` inside `fn`; a rollback
 * then also un-queues the jobs.
 */
export { inTransaction } from "../../../db/transaction.ts";

export * from "./deal-facts.ts";
export * from "./deal-writes.ts";
export * from "./drafts.ts";
export * from "./invoices.ts";
export * from "./links.ts";
export * from "./payments.ts";
export * from "./record-links.ts";
export * from "./viewers.ts";
