import type { Child } from "hono/jsx";
import type { Locale } from "../extensions/locale.ts";

/** What every console page needs from its request: the language, and the header slot's content. */
export interface PageContext {
  locale: Locale;
  lang: string | undefined;
  /** This page in the other language. */
  otherLanguageHref: string;
  headerExtra?: Child;
}
