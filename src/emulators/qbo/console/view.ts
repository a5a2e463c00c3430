import type { Context } from "hono";
import { pickPageLocale, type PageLocale } from "../../kit/locale.ts";
import type { Company } from "../store.ts";
import { companyDate } from "../time.ts";
import { translator, type Translate } from "./i18n.ts";

/** What every console page needs: the language, its words, and links that keep the language. */
export interface View {
  locale: PageLocale;
  t: Translate;
  /** `path?params&lang=…`: every link and form action carries the chosen language. */
  href(path: string, params?: Record<string, string | undefined>): string;
  /** This page in the other language (its query kept). */
  switchHref: string;
}

/**
 * `at`: the page a refused form is shown again on. Its answer comes from a POST, so the language
 * switch leads to that page's GET address instead (what was typed is not carried over).
 */
export function viewOf(c: Context, at?: { path: string; params?: Record<string, string | undefined> }): View {
  const url = new URL(c.req.url);
  const locale = pickPageLocale(url.searchParams.get("lang") ?? undefined, c.req.header("accept-language"));
  const href = (path: string, params: Record<string, string | undefined> = {}, lang = locale) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, v);
    query.set("lang", lang);
    return `${path}?${query.toString()}`;
  };
  const kept = Object.fromEntries(
    [...url.searchParams].filter(([k]) => k !== "lang" && k !== "done" && k !== "number"),
  );
  return {
    locale,
    t: translator(locale),
    href: (path, params) => href(path, params),
    switchHref:
      c.req.method === "GET" || !at
        ? href(url.pathname, kept, locale === "en" ? "ja" : "en")
        : href(at.path, at.params, locale === "en" ? "ja" : "en"),
  };
}

/** The company's today, for due dates and "overdue". */
export const companyToday = (company: Company, now: Date) => companyDate(now, company.settings.timeZone);

export const companyPath = (company: Company, rest = "") => `/companies/${company.settings.realmId}${rest}`;

/** The company a `/companies/:realm/...` route works on, set by the routes' middleware. */
export type ConsoleEnv = { Variables: { company: Company } };
