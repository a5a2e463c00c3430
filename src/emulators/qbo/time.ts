/**
 * QBO writes every timestamp in the company's time zone with its offset
 * (`2014-09-19T13:16:17-07:00`, docs/vendors/quickbooks.md §2), and "today" (the default TxnDate, overdue)
 * is the company's local date, not UTC's.
 */
const zoneByCountry: Record<string, string> = {
  US: "America/Los_Angeles",
  GB: "Europe/London",
  CA: "America/Toronto",
  AU: "Australia/Sydney",
  IN: "Asia/Kolkata",
  FR: "Europe/Paris",
};

export function defaultTimeZone(country: string): string {
  return zoneByCountry[country] ?? "UTC";
}

function parts(date: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "longOffset",
  });
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

function offsetOf(p: Record<string, string>): string {
  const name = p.timeZoneName ?? "GMT";
  return name === "GMT" ? "+00:00" : name.replace("GMT", "");
}

/** `2026-05-02T10:11:12-07:00`: MetaData timestamps. */
export function companyDateTime(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offsetOf(p)}`;
}

/** `2026-05-02T10:11:12.345-07:00`: the `time` of each response envelope. */
export function companyTime(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  const ms = String(date.getUTCMilliseconds()).padStart(3, "0");
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${offsetOf(p)}`;
}

/** The company's local calendar date, `YYYY-MM-DD`. */
export function companyDate(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
