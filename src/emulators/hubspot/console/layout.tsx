import type { Child } from "hono/jsx";
import type { Locale } from "../extensions/locale.ts";
import { consolePaths, withLang } from "./paths.ts";
import { consoleStrings } from "./strings.ts";
import { CONSOLE_STYLE } from "./style.ts";
import { CONSOLE_TYPES } from "./types.ts";

export interface ConsoleLayoutProps {
  locale: Locale;
  /** The `?lang=` the visitor chose, carried on every link (undefined: Accept-Language decides). */
  lang: string | undefined;
  title: string;
  /** The portal whose console this is; without it the page has no side navigation. */
  portalId?: number;
  /** The navigation entry to mark current: an object type name or "workflows". */
  active?: string;
  otherLanguageHref: string;
  /**
   * Extra content at the right of the header, before the language link: the slot for the user
   * switcher (the current HubSpot user) when the emulator has users.
   */
  headerExtra?: Child;
  children: Child;
}

/** The page every console screen is drawn in: header, the portal's navigation, the content. */
export function ConsoleLayout(props: ConsoleLayoutProps) {
  const t = consoleStrings(props.locale);
  const link = (path: string) => withLang(path, props.lang);
  const portalId = props.portalId;
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${t.emulator}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CONSOLE_STYLE }} />
      </head>
      <body>
        <header class="topbar">
          <a class="brand" href={link(consolePaths.home())}>
            {t.emulator}
          </a>
          {portalId !== undefined ? <span data-portal={String(portalId)}>{t.portal(portalId)}</span> : null}
          <span class="header-extra">
            {props.headerExtra ?? null}
            <a class="lang" href={props.otherLanguageHref}>
              {t.otherLanguage}
            </a>
          </span>
        </header>
        <div class={portalId === undefined ? "shell bare" : "shell"}>
          {portalId !== undefined ? (
            <nav class="side" aria-label={t.portal(portalId)}>
              <ul>
                {CONSOLE_TYPES.map((type) => (
                  <li>
                    <a
                      href={link(consolePaths.list(portalId, type.typeId))}
                      aria-current={props.active === type.name ? "page" : undefined}
                    >
                      {t.nav[type.name]}
                    </a>
                  </li>
                ))}
                <li>
                  <a
                    href={link(consolePaths.workflows(portalId))}
                    aria-current={props.active === "workflows" ? "page" : undefined}
                  >
                    {t.nav.workflows}
                  </a>
                </li>
              </ul>
            </nav>
          ) : null}
          <main>{props.children}</main>
        </div>
      </body>
    </html>
  );
}
