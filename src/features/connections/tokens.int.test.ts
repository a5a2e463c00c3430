import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { upsertPortal } from "./repo/portals.ts";
import { upsertQboConnection } from "./repo/qbo-connections.ts";
import type { TokenOwner } from "./repo/tokens.ts";
import { ManualClock } from "../../lib/clock.ts";
import { generateSecretKey, SecretBox } from "../../lib/crypto.ts";
import { err, ok } from "../../lib/result.ts";
import type { OAuthFailure } from "../../connectors/oauth-common.ts";
import { createTokenProvider } from "./tokens.ts";

/**
 * A vendor that rotates refresh tokens like Intuit: the previous refresh token keeps working until
 * the new one has been used (docs/vendors/quickbooks.md §1.4), any other token is `invalid_grant`.
 */
function rotatingVendor(clock: ManualClock, first: string) {
  let current = first;
  let previous: string | undefined;
  let n = 0;
  const calls: string[] = [];
  return {
    calls,
    revokeAll: () => {
      current = "revoked";
      previous = undefined;
    },
    refresh: async (refreshToken: string) => {
      calls.push(refreshToken);
      await new Promise((r) => setImmediate(r)); // a network round trip
      if (refreshToken !== current && refreshToken !== previous) {
        return err<OAuthFailure>({ kind: "invalid_grant", message: "Token invalid" });
      }
      if (refreshToken === current) previous = current;
      n += 1;
      current = `refresh-${n}`;
      return ok({
        accessToken: `access-${n}`,
        refreshToken: current,
        accessExpiresAt: new Date(clock.now().getTime() + 3600_000),
        refreshExpiresAt: new Date(clock.now().getTime() + 100 * 86_400_000),
      });
    },
  };
}

describeEachBackend("token provider (A3)", (db) => {
  const clock = new ManualClock("2026-04-01T10:00:00Z");
  const secrets = new SecretBox(generateSecretKey());
  let seq = 0;

  async function connection(): Promise<TokenOwner> {
    seq += 1;
    const portalId = `p${seq}`;
    const ctx = `hubspot:${portalId}`;
    await upsertPortal(
      db().db,
      {
        portalId,
        appId: "1",
        companyCurrency: "USD",
        timeZone: "UTC",
        accessToken: secrets.seal("hs-access", ctx),
        refreshToken: secrets.seal("hs-refresh", ctx),
        accessExpiresAt: new Date(clock.now().getTime() + 1800_000),
        scopes: ["oauth"],
      },
      clock.now(),
    );
    const connectionId = `c${seq}`;
    await upsertQboConnection(
      db().db,
      {
        connectionId,
        portalId,
        realmId: `r${seq}`,
        companyName: "Co",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        accessToken: secrets.seal("stale-access", `qbo:${connectionId}`),
        refreshToken: secrets.seal("refresh-0", `qbo:${connectionId}`),
        accessExpiresAt: new Date(clock.now().getTime() - 1000), // already expired
        refreshExpiresAt: new Date(clock.now().getTime() + 86_400_000),
      },
      clock.now(),
    );
    return { kind: "qbo", connectionId };
  }

  it("50 concurrent callers share exactly one refresh and all get the new token", async () => {
    const owner = await connection();
    const vendor = rotatingVendor(clock, "refresh-0");
    const tokens = createTokenProvider({ db: db().db, secrets, clock, refresher: () => vendor.refresh });
    const results = await Promise.all(Array.from({ length: 50 }, () => tokens.accessToken(owner)));
    expect(vendor.calls).toEqual(["refresh-0"]);
    expect(new Set(results.map((r) => (r.ok ? r.value : r.error.kind)))).toEqual(new Set(["access-1"]));
  });

  it("does not refresh a token that is still good, and refreshes ahead of expiry", async () => {
    const owner = await connection();
    const vendor = rotatingVendor(clock, "refresh-0");
    const tokens = createTokenProvider({ db: db().db, secrets, clock, refresher: () => vendor.refresh });
    await tokens.accessToken(owner);
    await tokens.accessToken(owner);
    expect(vendor.calls).toHaveLength(1);
    clock.advance(56 * 60_000); // 4 minutes left: inside the refresh-ahead window
    expect(await tokens.accessToken(owner)).toEqual({ ok: true, value: "access-2" });
    expect(vendor.calls).toEqual(["refresh-0", "refresh-1"]);
  });

  it("recovers from a crash between the vendor's answer and our commit", async () => {
    const owner = await connection();
    const vendor = rotatingVendor(clock, "refresh-0");
    let crash = true;
    const crashing = async (token: string) => {
      const answer = await vendor.refresh(token);
      if (crash) {
        crash = false;
        throw new Error("process died before commit"); // the transaction rolls back
      }
      return answer;
    };
    const tokens = createTokenProvider({ db: db().db, secrets, clock, refresher: () => crashing });
    await expect(tokens.accessToken(owner)).rejects.toThrow("process died");
    // The stored refresh token is still the old one, which the vendor still honours.
    expect(await tokens.accessToken(owner)).toEqual({ ok: true, value: "access-2" });
    expect(vendor.calls).toEqual(["refresh-0", "refresh-0"]);
  });

  it("marks the connection 'needs reconnect' on invalid_grant and stops calling the vendor", async () => {
    const owner = await connection();
    const vendor = rotatingVendor(clock, "refresh-0");
    vendor.revokeAll();
    const tokens = createTokenProvider({ db: db().db, secrets, clock, refresher: () => vendor.refresh });
    const first = await tokens.accessToken(owner);
    expect(first.ok ? "ok" : first.error.kind).toBe("needs_reconnect");
    const second = await tokens.accessToken(owner);
    expect(second.ok ? "ok" : second.error.kind).toBe("needs_reconnect");
    expect(vendor.calls).toHaveLength(1);
  });

  it("keeps retryable vendor failures retryable (no reconnect)", async () => {
    const owner = await connection();
    const failing = async () => err<OAuthFailure>({ kind: "server", status: 503, message: "down" });
    const tokens = createTokenProvider({ db: db().db, secrets, clock, refresher: () => failing });
    const res = await tokens.accessToken(owner);
    expect(res.ok ? "ok" : res.error.kind).toBe("refresh_failed");
    const row = await db()
      .db.selectFrom("qboConnections")
      .select("status")
      .where("connectionId", "=", (owner as { connectionId: string }).connectionId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
  });
});
