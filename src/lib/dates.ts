/**
 * A real calendar date in ISO form: "2026-02-30" is not one (Date would roll it into March), nor is
 * "2026-13-45". Forms and query strings are checked with this before anything is stored.
 */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}
