import type { Database } from "../../db/kysely.ts";
import { readTokens, tokenContext, withLockedTokens, type TokenOwner } from "./repo/tokens.ts";
import type { Clock } from "../../lib/clock.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import { needsReconnect, type OAuthFailure, type TokenSet } from "../../connectors/oauth-common.ts";

/** Refresh when less than this is left, so a token never expires in the middle of a sync run. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * The `code` of a vendor error whose cause is a connection that needs reconnecting (its grant was
 * refused): jobs see it and wait for the reconnect instead of retrying (ADR 0033).
 */
export const NEEDS_RECONNECT = "needs_reconnect";

export type TokenFailure =
  | { kind: "needs_reconnect"; reason: string }
  | { kind: "not_found" }
  | { kind: "refresh_failed"; failure: OAuthFailure };

export interface TokenProvider {
  accessToken(owner: TokenOwner): Promise<Result<string, TokenFailure>>;
  /**
   * The vendor refused `rejected` (HTTP 401) although we believed it valid: the token died early
   * (the vendor's clock ran ahead, or it was revoked). Refreshes once for every caller holding the
   * same rejected token (ADR 0033): a caller that finds a different token stored gets that one.
   */
  renewRejected(owner: TokenOwner, rejected: string): Promise<Result<string, TokenFailure>>;
}

type Refresher = (
  refreshToken: string,
) => Promise<Result<TokenSet & { refreshExpiresAt?: Date }, OAuthFailure>>;

/**
 * Hands out valid access tokens, refreshing them single-flight across processes: the refresh
 * happens while the connection's row is locked; whoever gets the lock next re-reads the row and
 * finds a fresh token instead of refreshing again. The rotated refresh token is committed before
 * the new access token is returned (Intuit rotates refresh tokens: losing the newest one
 * disconnects the company). `invalid_grant` marks the connection "needs reconnect" for good.
 */
export function createTokenProvider(deps: {
  db: Database;
  secrets: SecretBox;
  clock: Clock;
  refresher: (owner: TokenOwner) => Refresher;
}): TokenProvider {
  const { db, secrets, clock } = deps;
  const fresh = (expiresAt: Date) => expiresAt.getTime() - clock.now().getTime() > REFRESH_AHEAD_MS;

  /** Under the owner's row lock: refresh unless `keep(row)` says the stored token will do. */
  const refreshLocked = (
    owner: TokenOwner,
    keep: (row: { accessToken: string; accessExpiresAt: Date }) => boolean,
  ) =>
    withLockedTokens(db, owner, async (locked): Promise<Result<string, TokenFailure>> => {
      const context = tokenContext(owner);
      const row = locked.row;
      if (!row) return err({ kind: "not_found" });
      if (row.status === "needs_reconnect")
        return err({ kind: "needs_reconnect", reason: "reconnect required" });
      const stored = secrets.open(row.accessToken, context);
      if (keep({ accessToken: stored, accessExpiresAt: row.accessExpiresAt })) return ok(stored);
      const refreshed = await deps.refresher(owner)(secrets.open(row.refreshToken, context));
      if (!refreshed.ok) {
        if (!needsReconnect(refreshed.error))
          return err({ kind: "refresh_failed", failure: refreshed.error });
        await locked.markNeedsReconnect(`${refreshed.error.kind}: ${refreshed.error.message}`, clock.now());
        return err({ kind: "needs_reconnect", reason: refreshed.error.message });
      }
      const grant = refreshed.value;
      await locked.save(
        {
          accessToken: secrets.seal(grant.accessToken, context),
          refreshToken: secrets.seal(grant.refreshToken, context),
          accessExpiresAt: grant.accessExpiresAt,
          ...(grant.refreshExpiresAt ? { refreshExpiresAt: grant.refreshExpiresAt } : {}),
        },
        clock.now(),
      );
      return ok(grant.accessToken);
    });

  // Callers in this process that saw the same token rejected share one promise, so N concurrent
  // 401s cost one trip through the row lock; other processes meet at the lock and find the new token.
  const renewals = new Map<string, Promise<Result<string, TokenFailure>>>();

  return {
    async accessToken(owner) {
      // Fast path without a lock: most calls find a valid token.
      const peek = await readTokens(db, owner);
      if (!peek) return err({ kind: "not_found" });
      if (peek.status === "needs_reconnect")
        return err({ kind: "needs_reconnect", reason: "reconnect required" });
      if (fresh(peek.accessExpiresAt)) return ok(secrets.open(peek.accessToken, tokenContext(owner)));
      return refreshLocked(owner, (row) => fresh(row.accessExpiresAt));
    },

    renewRejected(owner, rejected) {
      const key = `${tokenContext(owner)}\u0000${rejected}`;
      const running = renewals.get(key);
      if (running) return running;
      // A token other than the rejected one is stored: someone already renewed it; use theirs.
      const renewal = refreshLocked(owner, (row) => row.accessToken !== rejected).finally(() =>
        renewals.delete(key),
      );
      renewals.set(key, renewal);
      return renewal;
    },
  };
}
