import type { Database } from "../../db/kysely.ts";
import { findQboConnectionById } from "../connections/index.ts";

/** A company a pulled change came from; its row outlives its changes, so a missing one is a bug. */
export async function requireCompany(db: Database, connectionId: string) {
  const conn = await findQboConnectionById(db, connectionId);
  if (!conn) throw new Error(`QBO connection ${connectionId} is gone`);
  return conn;
}
