import type { Database } from "../../../db/kysely.ts";
import { sealedKeyId } from "../../../lib/crypto.ts";
import type { BatchCounts, SealedStore, SealedValue } from "../../../lib/sealed-secrets.ts";
import { tokenContext } from "./tokens.ts";

interface TokenRow {
  id: string;
  accessToken: string;
  refreshToken: string;
}

type Reseal = (value: SealedValue) => string | undefined;

/** Both tokens of one row, re-sealed where needed; `undefined` when both are current. */
function resealRow(row: TokenRow, context: string, reseal: Reseal, counts: BatchCounts) {
  const next = [row.accessToken, row.refreshToken].map((sealed) => {
    const fresh = reseal({ sealed, context });
    if (fresh === undefined) counts.current += 1;
    else counts.resealed += 1;
    return fresh;
  });
  if (next.every((v) => v === undefined)) return undefined;
  return { accessToken: next[0] ?? row.accessToken, refreshToken: next[1] ?? row.refreshToken };
}

/**
 * The sealed OAuth tokens of HubSpot portals. Rows are locked while re-sealed: a token refresh
 * (tokens.ts) holds the same lock, so a rotated refresh token is never overwritten by an old one.
 */
export function portalTokenStore(db: Database): SealedStore {
  return {
    what: "HubSpot portal tokens",
    async keyIds() {
      const rows = await db.selectFrom("portals").select(["accessToken", "refreshToken"]).execute();
      return rows.flatMap((r) => [sealedKeyId(r.accessToken), sealedKeyId(r.refreshToken)]);
    },
    async sample() {
      const row = await db
        .selectFrom("portals")
        .select(["portalId", "refreshToken"])
        .limit(1)
        .executeTakeFirst();
      return (
        row && { sealed: row.refreshToken, context: tokenContext({ kind: "portal", portalId: row.portalId }) }
      );
    },
    resealBatch: (after, limit, reseal) =>
      db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom("portals")
          .select(["portalId as id", "accessToken", "refreshToken"])
          .orderBy("portalId")
          .limit(limit)
          .forUpdate();
        if (after !== undefined) query = query.where("portalId", ">", after);
        const rows = await query.execute();
        const counts = { resealed: 0, current: 0 };
        for (const row of rows) {
          const values = resealRow(row, tokenContext({ kind: "portal", portalId: row.id }), reseal, counts);
          if (values) await trx.updateTable("portals").set(values).where("portalId", "=", row.id).execute();
        }
        return { ...counts, last: rows.at(-1)?.id };
      }),
  };
}

/** The sealed OAuth tokens of QuickBooks companies (locked while re-sealed, as above). */
export function qboTokenStore(db: Database): SealedStore {
  return {
    what: "QuickBooks company tokens",
    async keyIds() {
      const rows = await db.selectFrom("qboConnections").select(["accessToken", "refreshToken"]).execute();
      return rows.flatMap((r) => [sealedKeyId(r.accessToken), sealedKeyId(r.refreshToken)]);
    },
    async sample() {
      const row = await db
        .selectFrom("qboConnections")
        .select(["connectionId", "refreshToken"])
        .limit(1)
        .executeTakeFirst();
      return (
        row && {
          sealed: row.refreshToken,
          context: tokenContext({ kind: "qbo", connectionId: row.connectionId }),
        }
      );
    },
    resealBatch: (after, limit, reseal) =>
      db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom("qboConnections")
          .select(["connectionId as id", "accessToken", "refreshToken"])
          .orderBy("connectionId")
          .limit(limit)
          .forUpdate();
        if (after !== undefined) query = query.where("connectionId", ">", after);
        const rows = await query.execute();
        const counts = { resealed: 0, current: 0 };
        for (const row of rows) {
          const values = resealRow(row, tokenContext({ kind: "qbo", connectionId: row.id }), reseal, counts);
          if (values)
            await trx.updateTable("qboConnections").set(values).where("connectionId", "=", row.id).execute();
        }
        return { ...counts, last: rows.at(-1)?.id };
      }),
  };
}
