import type { Child } from "hono/jsx";
import { HealthBanner, type HealthNotice } from "./health-banner.tsx";
import type { Locale, Translate } from "./i18n/index.ts";
import { DemoBanner } from "./demo-banner.tsx";

export type Section =
  "home" | "connections" | "invoices" | "sync" | "mappings" | "reports" | "activity" | "automations";

export interface PageProps {
  t: Translate;
  locale: Locale;
  requestId: string;
  /** The current path, so the language switch can come back to it. */
  path: string;
  csrfToken: string;
  /** The signed-in HubSpot user, shown in the header (what the layout needs of a session). */
  user?: { email: string; portalId: string };
  /** Set in the demo only: the banner with its clock and "Travel forward" (DemoBanner). */
  demo?: { now: Date };
  /** The portal's open health incidents, shown as a banner on every page (http/middleware/health.ts). */
  health?: HealthNotice[];
  /** Why the user may look but not change (not a HubSpot super admin): forms are disabled (ADR 0024). */
  readOnly?: string;
}

/** The hidden field every POST form carries (see http/middleware/csrf.ts). */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

const NAV: Array<{ section: Section; href: string }> = [
  { section: "connections", href: "/connections" },
  { section: "invoices", href: "/invoices" },
  { section: "automations", href: "/automations" },
  { section: "sync", href: "/sync" },
  { section: "mappings", href: "/mappings" },
  { section: "reports", href: "/reports" },
  { section: "activity", href: "/activity" },
];

/** The shell every page shares: header with navigation and language switch, main, footer. */
export function Layout(
  props: PageProps & { title: string; section: Section; children: Child; refreshSeconds?: number },
) {
  const { t, locale } = props;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t("app.name")}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
      </head>
      <body>
        {props.demo ? (
          <DemoBanner
            t={t}
            locale={locale}
            now={props.demo.now}
            path={props.path}
            csrfToken={props.csrfToken}
          />
        ) : null}
        <header class="top">
          <a class="brand" href="/">
            {t("app.name")}
          </a>
          <nav aria-label={t("nav.main")}>
            {NAV.map((item) => (
              <a href={item.href} aria-current={item.section === props.section ? "page" : undefined}>
                {t(`nav.${item.section}`)}
              </a>
            ))}
          </nav>
          {props.user ? (
            <form class="signout" method="post" action="/signout">
              <CsrfField token={props.csrfToken} />
              <span>
                {t("signin.signedInAs", { email: props.user.email, portal: props.user.portalId })}
              </span>{" "}
              <button type="submit">{t("signin.signout")}</button>
            </form>
          ) : null}
          <nav class="lang" aria-label={t("nav.language")}>
            <a href={`${props.path}?lang=en`} lang="en" aria-current={locale === "en" ? "true" : undefined}>
              {t("lang.en")}
            </a>
            <a href={`${props.path}?lang=ja`} lang="ja" aria-current={locale === "ja" ? "true" : undefined}>
              {t("lang.ja")}
            </a>
          </nav>
        </header>
        <main>
          <HealthBanner t={t} notices={props.health} />
          <h1>{props.title}</h1>
          {props.readOnly ? (
            <>
              <p class="banner" role="note" data-read-only>
                {props.readOnly}
              </p>
              {/* A disabled fieldset turns off every control inside it; links still work. */}
              <fieldset class="read-only" disabled>
                {props.children}
              </fieldset>
            </>
          ) : (
            props.children
          )}
        </main>
        <footer>
          {t("footer.requestId")}: <code>{props.requestId}</code>
        </footer>
      </body>
    </html>
  );
}

/** A page's outcome lines: what just happened (status) and what was refused (alert). */
export function Notices(props: { flash?: string; error?: string }) {
  return (
    <>
      {props.flash ? (
        <p class="notice" role="status">
          {props.flash}
        </p>
      ) : null}
      {props.error ? (
        <p class="banner" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}
