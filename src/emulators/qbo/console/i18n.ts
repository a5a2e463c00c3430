import type { PageLocale } from "../../kit/locale.ts";
import { consoleEn } from "./i18n.en.ts";
import { consoleJa } from "./i18n.ja.ts";

export type ConsoleKey = keyof typeof consoleEn;
export type Params = Record<string, string | number>;
export type Translate = (key: ConsoleKey, params?: Params) => string;

const STRINGS: Record<PageLocale, Record<ConsoleKey, string>> = { en: consoleEn, ja: consoleJa };

export function translator(locale: PageLocale): Translate {
  const table = STRINGS[locale];
  return (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

/** "1 invoice" / "2 invoices": the `.one` / `.other` pair of a counted noun. */
export function counted(t: Translate, noun: "invoices" | "customers", count: number): string {
  return t(`count.${noun}.${count === 1 ? "one" : "other"}`, { count });
}

/** A translated key for a vendor enumeration value, or the value itself when we have no word for it. */
export function word(t: Translate, prefix: string, value: unknown): string {
  const key = `${prefix}.${String(value)}`;
  return key in consoleEn ? t(key as ConsoleKey) : String(value ?? "");
}

export function formatMoney(locale: PageLocale, amount: unknown, currency: string): string {
  const value = Number(amount ?? 0);
  try {
    return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency }).format(
      value,
    );
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}
