import { inTransaction } from "../../db/transaction.ts";
import type { Database } from "../../db/kysely.ts";
import { listQboConnections } from "../connections/index.ts";
import { closeReview, initialSyncsOf, openReviews, saveLink } from "../record-sync/index.ts";
import { settingsFromForm, type Tab } from "./form.ts";
import { ensureSyncSetup } from "./setup.ts";
import { loadSettings, saveSettings } from "./store.ts";

export { previewBehaviourSwitch } from "./migration.ts";

/**
 * What the Sync settings page shows for a portal: its companies and, for the wanted one (else the
 * first), its settings (seeded with the defaults on first sight), open reviews and initial syncs.
 */
export async function syncPageData(db: Database, portalId: string, wanted: string | undefined, now: Date) {
  const companies = await listQboConnections(db, portalId);
  const conn = companies.find((x) => x.connectionId === wanted) ?? companies[0];
  if (!conn) return { companies, connectionId: undefined, settings: undefined, reviews: [], runs: [] };
  await ensureSyncSetup(db, conn.connectionId, now);
  return {
    companies,
    connectionId: conn.connectionId,
    settings: await loadSettings(db, conn.connectionId),
    reviews: await openReviews(db, conn.connectionId),
    runs: await initialSyncsOf(db, conn.connectionId),
  };
}

/**
 * Saves one tab of the settings form over the company's stored settings; the reason when the form
 * is refused (then nothing is saved).
 */
export async function saveSettingsTab(
  db: Database,
  connectionId: string,
  tab: Tab,
  form: Parameters<typeof settingsFromForm>[2],
  now: () => Date,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  await ensureSyncSetup(db, connectionId, now());
  const result = settingsFromForm(await loadSettings(db, connectionId), tab, form);
  if (!result.ok) return result;
  await saveSettings(db, connectionId, result.settings, now());
  return { ok: true };
}

/** X1: the company leaves legacy behaviour; from now on the workflow action obeys the contact filters. */
export async function switchToSyncFilter(db: Database, connectionId: string, now: Date): Promise<void> {
  const settings = await loadSettings(db, connectionId);
  await saveSettings(db, connectionId, { ...settings, behaviour: "sync_filter" }, now);
}

class BadCandidate extends Error {}

/**
 * Closes an open review: dismissed, or resolved by linking the record to the candidate the user
 * chose (one of those the review offered, and not already linked). "bad" when the candidate is
 * refused; false when there is no such open review. Closing and linking commit together.
 */
export async function resolveReview(
  db: Database,
  connectionId: string,
  reviewId: string,
  action: "dismiss" | "link",
  candidate: string,
  now: Date,
): Promise<boolean | "bad"> {
  return inTransaction(db, async (trx) => {
    const item = await closeReview(
      trx,
      connectionId,
      reviewId,
      action === "link" ? "resolved" : "dismissed",
      now,
    );
    if (!item) return false;
    if (action === "dismiss") return true;
    const candidates = item.candidates as Array<{ id: string }>;
    if (!candidates.some((x) => x.id === candidate)) throw new BadCandidate();
    const [qboId, hubspotId] = item.side === "qbo" ? [item.recordId, candidate] : [candidate, item.recordId];
    const link = { connectionId, kind: item.kind, qboId, hubspotId, toHubspot: {}, toQbo: {} };
    if (!(await saveLink(trx, link, now))) throw new BadCandidate();
    return true;
  }).catch((e: unknown) => (e instanceof BadCandidate ? ("bad" as const) : Promise.reject(e)));
}
