import type { Context } from "hono";
import type { Database } from "../../db/kysely.ts";
import { findQboConnection } from "./repo/qbo-connections.ts";
import type { AppEnv } from "../../http/context.ts";

/** The `:conn` of the path when it is a QBO company of the signed-in user's portal, else undefined (404). */
export async function ownConnection(c: Context<AppEnv>, db: Database): Promise<string | undefined> {
  const conn = await findQboConnection(db, c.get("user")!.portalId, c.req.param("conn") ?? "");
  return conn?.connectionId;
}
