import type { TimelineEvent } from "./timeline-store.ts";

/**
 * HubSpot renders a timeline event by filling its template's Handlebars expressions with the
 * event's tokens (and `extraData`, `timestamp`...), then turning the Markdown result into HTML;
 * raw HTML is stripped (docs/vendors/hubspot.md §15). This is the subset integrations use:
 * `{{token}}`, `{{extraData.path}}`, `{{#formatDate timestamp}}{{/formatDate}}`, and Markdown
 * headings, paragraphs, line breaks, `**bold**`, `*italic*` and `[links](url)`.
 */
export function renderTemplate(template: string | undefined, event: TimelineEvent): string {
  if (!template) return "";
  return markdownToHtml(fillHandlebars(template, event));
}

function fillHandlebars(template: string, event: TimelineEvent): string {
  const scope: Record<string, unknown> = {
    ...event.tokens,
    extraData: event.extraData,
    timestamp: Date.parse(event.timestamp),
    id: event.id,
    objectId: event.objectId,
    email: event.email,
  };
  const withDates = template.replace(
    /\{\{#formatDate\s+([\w.]+)[^}]*\}\}\{\{\/formatDate\}\}/g,
    (_, path: string) => formatDate(lookup(scope, path)),
  );
  return withDates.replace(/\{\{\s*([\w.[\]]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(scope, path);
    return value === undefined || value === null ? "" : String(value);
  });
}

function lookup(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const part of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** HubSpot's default `formatDate`: "Nov 18, 2014 3:47:11 PM" (UTC here: the emulator has no user time zone). */
function formatDate(value: unknown): string {
  const ms = typeof value === "number" ? value : Date.parse(String(value));
  if (!Number.isFinite(ms)) return "";
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(ms));
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Only http(s) and mailto links survive, as on HubSpot's timeline. */
function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return ["http:", "https:", "mailto:"].includes(u.protocol) ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function inline(text: string): string {
  // Raw HTML is escaped first, so nothing the caller sent becomes markup.
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => {
      const href = safeUrl(url.replace(/&amp;/g, "&"));
      return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${label}</a>` : label;
    })
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>");
}

export function markdownToHtml(markdown: string): string {
  const blocks = markdown
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks
    .map((block) => {
      const heading = /^(#{1,6})\s+(.*)$/s.exec(block);
      if (heading) {
        const level = heading[1]!.length;
        return `<h${level}>${inline(heading[2]!)}</h${level}>`;
      }
      return `<p>${block.split("\n").map(inline).join("<br>")}</p>`;
    })
    .join("");
}
