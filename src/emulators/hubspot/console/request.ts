import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { HsWorkflowConsole } from "../contract.ts";
import { pickLocale } from "../extensions/locale.ts";
import type { World } from "../world.ts";
import type { PageContext } from "./page-context.ts";

export interface ConsoleOptions {
  /** The custom workflow actions, when the extensions provide them. */
  workflows?: () => HsWorkflowConsole | undefined;
  /** Content for the header's right-hand slot (e.g. the current user), per request. */
  headerExtra?: (c: Context) => Child;
  /** The current user's language, which the page speaks unless `?lang=` says otherwise. */
  viewerLanguage?: (c: Context) => "en" | "ja" | undefined;
}

/** The request's language, its other-language link, and the header slot. */
export function pageContext(c: Context, options: ConsoleOptions): PageContext {
  const lang = c.req.query("lang");
  const locale = pickLocale(lang ?? options.viewerLanguage?.(c), c.req.header("accept-language"));
  const url = new URL(c.req.url);
  url.searchParams.set("lang", locale === "ja" ? "en" : "ja");
  return {
    locale,
    lang: lang === "en" || lang === "ja" ? lang : undefined,
    otherLanguageHref: `${url.pathname}?${url.searchParams.toString()}`,
    headerExtra: options.headerExtra?.(c),
  };
}

/** The portal a path names, or undefined when the id is not a number or no such portal exists. */
export function portalOf(world: World, raw: string) {
  return /^\d{1,15}$/.test(raw) ? world.portal(Number(raw)) : undefined;
}
