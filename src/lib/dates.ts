/**
 * A real calendar date in ISO form: "2026-02-30" is not one (Date would roll it into March), nor is
 * "2026-13-45". Forms and query strings are checked with this before anything is stored.
 */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * Today's calendar date (YYYY-MM-DD) in an IANA time zone. Dates in a company's books turn at its
 * own midnight, not the server's: an invoice is overdue, dated or reported by this date.
 */
export function dateInTimeZone(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
