/** The languages every page of the emulator speaks (English default, Japanese on request). */
export type Locale = "en" | "ja";

/**
 * `?lang=ja|en` wins; otherwise the Accept-Language entry with the highest q among the two we
 * speak (a browser set to "ja,en;q=0.8" gets Japanese, "en-US,ja;q=0.5" gets English).
 */
export function pickLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (lang === "ja" || lang === "en") return lang;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (primary !== "ja" && primary !== "en") continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: primary, q };
  }
  return best?.locale ?? "en";
}
