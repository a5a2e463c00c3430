import { en, type MessageKey, type Messages } from "./en.ts";
import { ja } from "./ja.ts";

export type Locale = "en" | "ja";
export const LOCALES: readonly Locale[] = ["en", "ja"];
const catalogues: Record<Locale, Messages> = { en, ja };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** Whether a key built at run time (`activity.object.${type}`) is in the catalogues. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function isLocale(value: string | undefined): value is Locale {
  return value === "en" || value === "ja";
}

/**
 * Picks the locale: an explicit choice (`?lang=` or the saved preference) wins, then the
 * browser's Accept-Language in its own order of preference, then English.
 */
export function negotiateLocale(explicit: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(explicit)) return explicit;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.lang && !Number.isNaN(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? "en";
}

export type { MessageKey };
