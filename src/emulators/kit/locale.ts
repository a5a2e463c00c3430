/** The languages the emulators' pages speak (English default, Japanese on request). */
export type PageLocale = "en" | "ja";

/**
 * `?lang=ja|en` wins; otherwise the Accept-Language entry with the highest q among the two we
 * speak (a browser set to "ja,en;q=0.8" gets Japanese, "en-US,ja;q=0.5" gets English). The same
 * rule as the HubSpot emulator's record page, so both consoles answer a browser alike.
 */
export function pickPageLocale(lang: string | undefined, acceptLanguage: string | undefined): PageLocale {
  if (lang === "ja" || lang === "en") return lang;
  let best: { locale: PageLocale; q: number } | undefined;
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
