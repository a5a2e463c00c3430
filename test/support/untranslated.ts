/**
 * Finds English left on a page meant to be Japanese: runs of two or more English words in the
 * text, and any English word in an aria-label, title, placeholder or alt. What is data (names of
 * records from either vendor, numbers, e-mails, URLs, codes) is removed first, and a short
 * allowlist keeps brand and product names, which stay in English in Japanese too.
 */

/** Brand and product names that Japanese text writes in Latin letters. Keep it short. */
export const BRAND_NAMES = [
  "HubSpot",
  "QuickBooks Online",
  "QuickBooks",
  "Intuit",
  "Ledgerlink",
  "English",
  "Slack",
  "CSV",
  "PDF",
  "OAuth",
  "API",
  "ID",
  "URL",
  "HMAC",
  "SHA-256",
  "JSON",
  "PostgreSQL",
  "PGlite",
  "pg-boss",
  "CDC",
  "UTC",
  "Webhook",
  "Incoming Webhook",
];

const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"];

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");

/** The visible text of an HTML page (no scripts or styles) and its labelling attributes. */
export function pageText(html: string): { text: string[]; labels: string[] } {
  // <code> holds commands, paths and names a person types as they are: data, not prose.
  const body = html.replace(/<(script|style|code)\b[\s\S]*?<\/\1>/gi, " ").replace(/<!--[\s\S]*?-->/g, " ");
  const labels: string[] = [];
  for (const attr of ATTRIBUTES)
    for (const m of body.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, "g"))) labels.push(decode(m[1]!));
  // Options and buttons are text too; every tag splits a run (a cell is not a sentence with the next).
  const text = body
    .split(/<[^>]*>/)
    .map((s) => decode(s).replace(/\s+/g, " ").trim())
    .filter(Boolean);
  return { text, labels };
}

/**
 * Removes data from a string: the known record names (longest first), e-mails, URLs, dates,
 * numbers, identifiers with digits, and the brand names.
 */
export function stripData(s: string, data: readonly string[]): string {
  let out = s
    .replace(/\bhttps?:\/\/\S+/g, " ")
    .replace(/\S+@\S+/g, " ")
    .replace(/\bX(?:-[A-Za-z]+)+/g, " "); // header names (X-Ledgerlink-Signature)
  // Whole words only: "bool" in the data must not eat into "boolean".
  const whole = (w: string) =>
    new RegExp(`(?<![A-Za-z])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z])`, "g");
  for (const d of data) if (d && out.includes(d)) out = out.replace(whole(d), " ");
  for (const b of BRAND_NAMES) out = out.replace(whole(b), " ");
  return out
    .replace(/\b[\w.-]*\d[\w.-]*\b/g, " ") // numbers, ids, codes, dates
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, " ") // property names (qbo_invoice_number)
    .replace(/\bledgerlink [a-z-]+/g, " ") // commands (ledgerlink worker)
    .replace(/\(\s*[a-z][a-z0-9_]*(?=,)/g, "(") // a HubSpot property's internal name: "Label (name, type)"
    .replace(/\b[A-Z]?[a-z]+(?:[A-Z][a-z]*)+(?:\.[A-Za-z]+)*\b/g, " ") // QBO field paths (DisplayName, Addr.City)
    .replace(/[$£€¥]/g, " ");
}

/** Runs of ≥ 2 English words (latin words of ≥ 2 letters) in the text after data is stripped. */
export function englishRuns(s: string): string[] {
  return [...s.matchAll(/[A-Za-z][A-Za-z'’-]+(?:[\s,.:;()/–-]+[A-Za-z][A-Za-z'’-]+)+/g)].map((m) => m[0]);
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * Every untranslated piece of one page: sentences in its text, a lone English word where no
 * Japanese stands beside it (a cell "timer", an option "invoice"), and English in its labels.
 */
export function untranslated(html: string, data: readonly string[]): string[] {
  const { text, labels } = pageText(html);
  const found = text.flatMap((s) => {
    const left = stripData(s, data);
    const runs = englishRuns(left);
    if (runs.length || JAPANESE.test(s)) return runs;
    return [...left.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]);
  });
  for (const label of labels) {
    const left = stripData(label, data);
    if (/[A-Za-z]{2,}/.test(left)) found.push(`[label] ${label}`);
  }
  return found;
}

/** Every string in a JSON value (for the card's JSON), each checked as a piece of text. */
export function jsonStrings(value: unknown, skipKeys: ReadonlySet<string>): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap((v) => jsonStrings(v, skipKeys));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => (skipKeys.has(k) ? [] : jsonStrings(v, skipKeys)));
  return [];
}
