/** One CSV cell: text, or a number written as it is. */
export type CsvCell = string | number | null | undefined;

/**
 * A cell as RFC 4180 wants it, made inert for spreadsheets: text starting with = + - @ (or a tab
 * or carriage return) would run as a formula when opened (CSV injection, OWASP), so it gets a
 * leading apostrophe. Numbers are numbers and stay as they are (a negative balance is -12.50).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV file: a header row and the rows, CRLF line ends, and a byte-order mark so spreadsheet
 * programs read Japanese headers and names as UTF-8.
 */
export function csvText(header: string[], rows: CsvCell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
