import type { Locale, MessageKey, Translate } from "./index.ts";

/** The stem of every counted message: `addInvoice.added` for the pair `addInvoice.added.one` / `.other`. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

const rules = new Map<Locale, Intl.PluralRules>();
const rulesOf = (locale: Locale) => {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  return r;
};

/**
 * A counted message in the page's language (ADR 0037): `Intl.PluralRules` picks the locale's
 * category for `count` ("one" or "other" in English; always "other" in Japanese), and the catalogue
 * holds one key per category, `<base>.one` and `<base>.other`. A category the catalogue has no key
 * for falls back to `.other`. `{count}` is filled with the count, formatted for the locale.
 */
export function plural(
  t: Translate,
  locale: Locale,
  base: PluralBase,
  count: number,
  params: Record<string, string | number> = {},
): string {
  const category = rulesOf(locale).select(count);
  const key = (category === "one" ? `${base}.one` : `${base}.other`) as MessageKey;
  return t(key, { ...params, count: count.toLocaleString(locale === "ja" ? "ja-JP" : "en-US") });
}
