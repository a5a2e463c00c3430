import type { Locale, Translate } from "./i18n/index.ts";

/** Where the banner's form posts; mounted only in the demo (docs/adr/0025-demo-time-travel.md). */
export const DEMO_CLOCK_PATH = "/demo/clock";

/** The "Travel forward" choices, in days: enough to cross a due date (30 days net) and then some. */
export const TRAVEL_DAYS = [1, 7, 30, 40] as const;
export type TravelDays = (typeof TRAVEL_DAYS)[number];

/** "1 day", "1 week", "30 days": the plural form chosen by count, the words by the catalogue. */
export function travelLabel(t: Translate, days: TravelDays): string {
  if (days === 7) return t("demo.travel.weeks.one");
  return days === 1 ? t("demo.travel.days.one") : t("demo.travel.days.other", { count: days });
}

/** The demo's time, in UTC (the emulators and Ledgerlink share it; companies turn days in their own zones). */
export function demoDate(locale: Locale, now: Date): string {
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return `${format.format(now)} UTC`;
}

/**
 * The strip atop every page in the demo: the shared clock's date and "Travel forward" buttons. Each
 * button posts its days with the page's path, so the person comes back to what they were looking at.
 */
export function DemoBanner(props: {
  t: Translate;
  locale: Locale;
  now: Date;
  path: string;
  csrfToken: string;
}) {
  const { t } = props;
  return (
    <aside class="demo-banner" aria-label={t("demo.banner.label")}>
      <strong class="demo-badge">{t("demo.banner.label")}</strong>{" "}
      <time data-testid="demo-now" datetime={props.now.toISOString()}>
        {t("demo.banner.now", { date: demoDate(props.locale, props.now) })}
      </time>
      <form method="post" action={DEMO_CLOCK_PATH}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="back" value={props.path} />
        <span>{t("demo.banner.travel")}</span>
        {TRAVEL_DAYS.map((days) => (
          <button type="submit" name="days" value={String(days)}>
            {travelLabel(t, days)}
          </button>
        ))}
      </form>
      <small>{t("demo.banner.hint")}</small>
    </aside>
  );
}
