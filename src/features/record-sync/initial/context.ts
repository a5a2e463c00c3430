import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { listPage } from "../../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import type { Database } from "../../../db/kysely.ts";
import { ok, type Result } from "../../../lib/result.ts";
import type { RecordKind } from "../kinds.ts";
import type { SyncSettings } from "../../settings/index.ts";
import type { Progress } from "./progress.ts";

/** Everything one run (or one preview) of an initial sync works with. */
export interface RunContext {
  db: Database;
  now: () => Date;
  hubspot: HttpClient;
  qbo: HttpClient;
  connection: { connectionId: string; realmId: string; portalId: string };
  settings: SyncSettings;
  kind: RecordKind;
  syncId: string;
  /** A preview classifies everything and writes nothing. */
  dryRun: boolean;
  progress: Progress;
  /** Persists the progress; false when the run was paused meanwhile (stop after this page). */
  checkpoint(progress: Progress): Promise<boolean>;
}

/** Every live HubSpot record of a type, page by page (100 a call), with the properties asked for. */
export async function listAll(
  http: HttpClient,
  type: string,
  properties: string[],
  onPage: (records: CrmRecord[]) => void,
): Promise<Result<number, VendorError>> {
  let after: string | undefined;
  let count = 0;
  do {
    const page = await listPage(http, type, properties, after);
    if (!page.ok) return page;
    onPage(page.value.records);
    count += page.value.records.length;
    after = page.value.after;
  } while (after);
  return ok(count);
}
