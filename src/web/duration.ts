/**
 * A duration in hours and minutes, in the page's language and plural-aware ("1 hour, 5 minutes",
 * "2 時間 5 分"): Intl's unit formats know each language's plurals and word order. Rounded up to
 * the minute, so an estimate never promises less than it takes; undefined below one minute (the
 * page then says "less than a minute" in its own words).
 */
export function formatDuration(seconds: number, locale: string): string | undefined {
  const minutes = Math.ceil(Math.max(0, seconds) / 60);
  if (minutes === 0 || !Number.isFinite(minutes)) return undefined;
  const unit = (value: number, name: "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [hours ? unit(hours, "hour") : undefined, rest ? unit(rest, "minute") : undefined].filter(
    (p): p is string => p !== undefined,
  );
  return new Intl.ListFormat(locale, { style: "long", type: "unit" }).format(parts);
}
