import type { HttpClient } from "../../../connectors/http-client.ts";
import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import type { QboEntity } from "../../../connectors/qbo/client.ts";
import type { Database } from "../../../db/kysely.ts";
import type { SyncSettings } from "../../settings/index.ts";
import type { Side } from "../engine/side.ts";
import type { RecordKind } from "../kinds.ts";
import { hubspotSide } from "./hubspot-side.ts";
import { qboSide } from "./qbo-side.ts";

export { qboChange, qboDeleted } from "./qbo-side.ts";

export interface Sides {
  qbo: Side<QboEntity>;
  hubspot: Side<CrmRecord>;
}

/** Both sides of one kind for one connected company. */
export function sidesOf(
  kind: RecordKind,
  // With the database and the time, QBO customers are created under a claim (ADR 0033); the
  // initial sync's RunContext and the change rules both have them.
  clients: { qbo: HttpClient; hubspot: HttpClient; db?: Database; now?: () => Date },
  connection: { connectionId: string; realmId: string },
  settings: SyncSettings,
): Sides {
  const { db, now } = clients;
  const claims = db && now ? { db, clock: { now } } : undefined;
  return {
    qbo: qboSide(kind, clients.qbo, connection, settings, claims),
    hubspot: hubspotSide(kind, clients.hubspot, connection, settings),
  };
}

export { wantedName } from "./qbo-names.ts";
export { archivedPage } from "./hubspot-side.ts";
