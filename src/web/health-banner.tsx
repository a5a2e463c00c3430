import type { Translate } from "./i18n/index.ts";

/**
 * One open health incident as pages and the card show it (features/health builds these): a
 * connection that needs reconnecting, or a sync that keeps failing (ADR 0028).
 */
export interface HealthNotice {
  kind: "needs_reconnect" | "sync_failing";
  vendor: "hubspot" | "qbo";
  /** The QuickBooks company's name, or the HubSpot portal's id. */
  name: string;
  /** A failing sync's object type (as the Activity page names it) and how many failed in a row. */
  objectType?: string;
  failures?: number;
  /** Where the user reconnects (relative on pages; the card makes it absolute). */
  reconnectUrl?: string;
}

/** The sentence that says what is wrong, in the viewer's language. */
export function healthMessage(t: Translate, n: HealthNotice): string {
  if (n.kind === "needs_reconnect")
    return t(n.vendor === "hubspot" ? "health.reconnect.hubspot" : "health.reconnect.qbo", { name: n.name });
  const count = n.failures ?? 1;
  return t(count === 1 ? "health.failing.one" : "health.failing.other", {
    count,
    name: n.name,
    object: n.objectType ?? "",
  });
}

/** The banner on top of every page while an incident is open, with "Reconnect" where it applies. */
export function HealthBanner(props: { t: Translate; notices?: HealthNotice[] }) {
  const { t, notices } = props;
  if (!notices || notices.length === 0) return null;
  return (
    <section class="banner health" role="alert" aria-label={t("health.banner.label")}>
      <ul>
        {notices.map((n) => (
          <li>
            {healthMessage(t, n)}{" "}
            {n.reconnectUrl ? (
              <a href={n.reconnectUrl}>{t("health.action.reconnect")}</a>
            ) : (
              <a href={activityUrl(n)}>{t("health.action.activity")}</a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The Activity page filtered to what failed (and to the failing object type, when there is one). */
function activityUrl(n: HealthNotice): string {
  const query = new URLSearchParams({ outcome: "failed", ...(n.objectType ? { object: n.objectType } : {}) });
  return `/activity?${query.toString()}`;
}
