/**
 * What Ledgerlink watches in HubSpot through webhooks (hints only, ADR 0004): identities, deals and their
 * line items always, and a property change for every HubSpot property a field mapping brings to QBO
 * (ADR 0040). `subscriptionsFor` builds the list; `webhookSubscriptionsApi` makes an app's
 * subscriptions equal to it through the Webhooks v3 developer API (docs/vendors/hubspot.md §7).
 */
export interface HubSpotSubscription {
  eventType: string;
  propertyName?: string;
}

/** HubSpot refuses an app's 1,001st subscription (developers.hubspot.com changelog, "new limits"). */
export const MAX_SUBSCRIPTIONS_PER_APP = 1000;

/** The HubSpot properties whose edits must reach Ledgerlink at once, per object. */
export interface WatchedProperties {
  contact: readonly string[];
  company: readonly string[];
  product: readonly string[];
}

const ALWAYS: HubSpotSubscription[] = [
  { eventType: "deal.creation" },
  { eventType: "deal.deletion" },
  ...["dealstage", "amount", "dealname", "closedate"].map((p) => ({
    eventType: "deal.propertyChange",
    propertyName: p,
  })),
  { eventType: "contact.creation" },
  { eventType: "company.creation" },
  { eventType: "product.creation" },
  { eventType: "line_item.creation" },
  { eventType: "line_item.deletion" },
];

/** The identity properties records are matched on: watched whatever the mappings say. */
const IDENTITY: WatchedProperties = { contact: ["email"], company: ["name"], product: ["name", "price"] };

const keyOf = (s: HubSpotSubscription) => `${s.eventType}|${s.propertyName ?? ""}`;

/**
 * Every subscription Ledgerlink needs, in a stable order (fixed events first, then each object's
 * watched properties sorted), without duplicates. Throws past HubSpot's per-app limit rather than
 * leave the reconcile half done.
 */
export function subscriptionsFor(watched: WatchedProperties): HubSpotSubscription[] {
  const changes = (["contact", "company", "product"] as const).flatMap((object) =>
    [...new Set([...IDENTITY[object], ...watched[object]])]
      .sort()
      .map((propertyName) => ({ eventType: `${object}.propertyChange`, propertyName })),
  );
  const all = [...ALWAYS, ...changes];
  const unique = [...new Map(all.map((s) => [keyOf(s), s])).values()];
  if (unique.length > MAX_SUBSCRIPTIONS_PER_APP)
    throw new Error(
      `${unique.length} webhook subscriptions needed; HubSpot allows ${MAX_SUBSCRIPTIONS_PER_APP} per app`,
    );
  return unique;
}

export interface DeveloperAccess {
  fetch: typeof fetch;
  apiBaseUrl: string;
  appId: string;
  /** The developer account's API key (`hapikey`), which the Webhooks v3 management API takes. */
  developerApiKey: string;
}

interface Existing extends HubSpotSubscription {
  id: number;
  active: boolean;
}

/**
 * An app's webhook subscriptions through the Webhooks v3 developer API: `reconcile` creates what is
 * missing, activates what was paused and deletes what is no longer wanted. Each call is idempotent,
 * so a job retried after a crash finishes the work instead of repeating it.
 */
export function webhookSubscriptionsApi(access: DeveloperAccess) {
  const url = (path = "") =>
    `${access.apiBaseUrl}/webhooks/v3/${encodeURIComponent(access.appId)}/subscriptions${path}?hapikey=${encodeURIComponent(access.developerApiKey)}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await access.fetch(url(path), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HubSpot webhooks API ${method} ${path || "/"}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const list = async (): Promise<Existing[]> => ((await call("GET", "")).results as Existing[]) ?? [];

  return {
    list,
    async reconcile(wanted: HubSpotSubscription[]): Promise<{ added: number; removed: number }> {
      const existing = await list();
      const want = new Set(wanted.map(keyOf));
      const have = new Map(existing.toReversed().map((e) => [keyOf(e), e]));
      let removed = 0;
      const kept = new Set<string>();
      // Removals first: they free room under the per-app limit for the additions. A duplicate (two
      // reconciles racing) is removed too: it would deliver each event twice.
      for (const e of existing) {
        if (want.has(keyOf(e)) && !kept.has(keyOf(e))) {
          kept.add(keyOf(e));
          continue;
        }
        await call("DELETE", `/${e.id}`);
        removed++;
      }
      const paused = wanted.flatMap((w) => {
        const e = have.get(keyOf(w));
        return e && !e.active ? [{ id: e.id, active: true }] : [];
      });
      for (let i = 0; i < paused.length; i += 100)
        await call("POST", "/batch/update", { inputs: paused.slice(i, i + 100) });
      let added = 0;
      for (const w of wanted) {
        if (have.has(keyOf(w))) continue;
        await call("POST", "", { ...w, active: true });
        added++;
      }
      return { added, removed };
    },
  };
}
