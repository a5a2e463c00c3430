import { csvText } from "../../lib/csv.ts";
import type { Translate } from "../../web/i18n/index.ts";
import type { ActivityRow } from "./pages/activity.tsx";

/**
 * The Activity page's rows as CSV, headers in the page's language: when (ISO 8601, UTC), object,
 * trigger, decision, outcome, the number of vendor calls and the error, if any.
 */
export function activityCsv(t: Translate, rows: ActivityRow[]): string {
  return csvText(
    [
      t("activity.col.when"),
      t("activity.col.object"),
      t("activity.csv.objectId"),
      t("activity.col.trigger"),
      t("activity.col.decision"),
      t("activity.col.outcome"),
      t("activity.col.calls"),
      t("activity.csv.error"),
    ],
    rows.map((r) => [
      r.at.toISOString(),
      r.objectType,
      r.objectId,
      r.trigger,
      r.decision,
      t(`activity.outcome.${r.outcome}`),
      r.vendorCalls.length,
      r.errorMessage ? `${r.errorCategory ? `[${r.errorCategory}] ` : ""}${r.errorMessage}` : "",
    ]),
  );
}
