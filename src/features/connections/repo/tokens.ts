import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/kysely.ts";
import type { ConnectionStatus, DB } from "../../../db/schema/index.ts";

/** The token columns both connection tables share (portals and qbo_connections). */
export interface SealedTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt?: Date;
  status: ConnectionStatus;
}

export type TokenOwner = { kind: "portal"; portalId: string } | { kind: "qbo"; connectionId: string };

/** Reads the owner's tokens without locking (the common case: the access token is still good). */
export async function readTokens(db: Kysely<DB>, owner: TokenOwner): Promise<SealedTokens | undefined> {
  return selectTokens(db, owner, false);
}

/**
 * Reads the owner's tokens and locks its row until the transaction ends, so that exactly one
 * process at a time can refresh (the others wait, then re-read what the first one stored).
 */
export async function lockTokens(trx: Transaction<DB>, owner: TokenOwner): Promise<SealedTokens | undefined> {
  return selectTokens(trx, owner, true);
}

/** The owner's row, locked for the length of a `withLockedTokens` call, and what may be done with it. */
export interface LockedTokens {
  /** Undefined when the owner is gone (disconnected meanwhile). */
  row: SealedTokens | undefined;
  save(tokens: Omit<SealedTokens, "status">, now: Date): Promise<void>;
  markNeedsReconnect(reason: string, now: Date): Promise<void>;
}

/**
 * Locks the owner's row, lets `work` decide (and call the vendor) while it is held, and commits
 * what `work` saved when it returns; if `work` throws, nothing it saved is kept.
 */
export function withLockedTokens<T>(
  db: Database,
  owner: TokenOwner,
  work: (locked: LockedTokens) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) =>
    work({
      row: await lockTokens(trx, owner),
      save: (tokens, now) => saveTokens(trx, owner, tokens, now),
      markNeedsReconnect: (reason, now) => markNeedsReconnect(trx, owner, reason, now),
    }),
  );
}

async function selectTokens(db: Kysely<DB>, owner: TokenOwner, lock: boolean) {
  if (owner.kind === "portal") {
    const q = db
      .selectFrom("portals")
      .select(["accessToken", "refreshToken", "accessExpiresAt", "status"])
      .where("portalId", "=", owner.portalId);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  }
  const q = db
    .selectFrom("qboConnections")
    .select(["accessToken", "refreshToken", "accessExpiresAt", "refreshExpiresAt", "status"])
    .where("connectionId", "=", owner.connectionId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function saveTokens(
  trx: Transaction<DB>,
  owner: TokenOwner,
  tokens: Omit<SealedTokens, "status">,
  now: Date,
): Promise<void> {
  const values = { ...tokens, status: "active" as const, statusReason: null, updatedAt: now };
  if (owner.kind === "portal") {
    const { refreshExpiresAt: _unused, ...portalValues } = values;
    await trx.updateTable("portals").set(portalValues).where("portalId", "=", owner.portalId).execute();
  } else {
    await trx
      .updateTable("qboConnections")
      .set(values)
      .where("connectionId", "=", owner.connectionId)
      .execute();
  }
}

export async function markNeedsReconnect(
  trx: Kysely<DB>,
  owner: TokenOwner,
  reason: string,
  now: Date,
): Promise<void> {
  const values = { status: "needs_reconnect" as const, statusReason: reason, updatedAt: now };
  if (owner.kind === "portal") {
    await trx.updateTable("portals").set(values).where("portalId", "=", owner.portalId).execute();
  } else {
    await trx
      .updateTable("qboConnections")
      .set(values)
      .where("connectionId", "=", owner.connectionId)
      .execute();
  }
}

export function tokenContext(owner: TokenOwner): string {
  return owner.kind === "portal" ? `hubspot:${owner.portalId}` : `qbo:${owner.connectionId}`;
}
