import type { HttpClient } from "../../../connectors/http-client.ts";
import type { Database } from "../../../db/kysely.ts";
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
