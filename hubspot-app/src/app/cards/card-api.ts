/**
 * The card's side of Ledgerlink's card API (`GET /hubspot/card?format=app-card`). The JSON shape
 * mirrors `src/features/invoices/card/card-app-view.ts`; `src/features/invoices/card/card-app.int.test.ts`
 * checks that every answer Ledgerlink gives passes `parseCardJson`, so the two cannot drift apart unnoticed.
 */
export type StatusVariant = "danger" | "warning" | "info" | "success" | "default";

export interface CardAction {
  label: string;
  url: string;
  width: number;
  height: number;
}

export interface CardInvoice {
  key: string;
  number: string;
  company: string;
  amount: string;
  currency: string;
  dueDate: string | null;
  status: string;
  statusLabel: string;
  statusVariant: StatusVariant;
  previewUrl: string;
}

export interface CardJson {
  version: 1;
  locale: "en" | "ja";
  connected: boolean;
  notice: { title: string; body: string } | null;
  /** Open health incidents (a company to reconnect, a sync that keeps failing); absent when none. */
  alerts?: Array<{ title: string; body: string; reconnect: { label: string; url: string } | null }>;
  labels: {
    number: string;
    company: string;
    amount: string;
    dueDate: string;
    status: string;
    preview: string;
    emptyTitle: string;
    emptyBody: string;
    allInvoices: string;
  };
  invoices: CardInvoice[];
  actions: { create: CardAction | null; addExisting: CardAction | null; allInvoicesUrl: string | null };
}

/** `hubspot.fetch`, or anything with its signature (tests pass recorded answers). */
export type CardFetch = (url: string, options: { method: "GET"; timeout: number }) => Promise<Response>;

/** HubSpot's object type IDs for the records the card is configured on (invoices-card-hsmeta.json). */
const RECORD_TYPES: Record<string, "DEAL" | "CONTACT" | "COMPANY"> = {
  "0-3": "DEAL",
  "0-1": "CONTACT",
  "0-2": "COMPANY",
};

/**
 * The card API URL for one record, or null on an object type the card does not serve. HubSpot adds
 * `portalId`, `userId`, `userEmail` and `appId` to the query and signs the request (v3).
 */
export function cardUrl(
  baseUrl: string,
  record: { objectTypeId: string; objectId: number },
  locale: string | undefined,
): string | null {
  const type = RECORD_TYPES[record.objectTypeId];
  if (!type) return null;
  const query = new URLSearchParams({
    format: "app-card",
    associatedObjectType: type,
    associatedObjectId: String(record.objectId),
  });
  if (locale) query.set("locale", locale);
  return `${baseUrl.replace(/\/+$/, "")}/hubspot/card?${query.toString()}`;
}

export type CardResult = { ok: true; card: CardJson } | { ok: false; detail: string };

/** hubspot.fetch allows 15 s; stop a little earlier so the card can say what happened. */
const TIMEOUT_MS = 12_000;

export async function loadCard(fetchCard: CardFetch, url: string): Promise<CardResult> {
  let response: Response;
  try {
    response = await fetchCard(url, { method: "GET", timeout: TIMEOUT_MS });
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    return { ok: false, detail: `HTTP ${response.status}${errorText(body)}` };
  }
  const json: unknown = await response.json().catch(() => undefined);
  return parseCardJson(json);
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === "string" ? `: ${parsed.error}` : "";
  } catch {
    return "";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isString = (v: unknown): v is string => typeof v === "string";

/** Checks the parts the card relies on; a newer Ledgerlink's shape is refused, not half-rendered. */
export function parseCardJson(json: unknown): CardResult {
  if (!isObject(json) || json.version !== 1) return { ok: false, detail: "unknown card format" };
  const { labels, invoices, actions } = json;
  if (!isObject(labels) || !Object.values(labels).every(isString))
    return { ok: false, detail: "labels missing" };
  if (!Array.isArray(invoices) || !invoices.every(isInvoice))
    return { ok: false, detail: "invoices malformed" };
  if (!isObject(actions)) return { ok: false, detail: "actions missing" };
  return { ok: true, card: json as unknown as CardJson };
}

function isInvoice(v: unknown): boolean {
  if (!isObject(v)) return false;
  const strings = ["key", "number", "company", "amount", "currency", "statusLabel", "previewUrl"];
  return strings.every((k) => isString(v[k])) && (v.dueDate === null || isString(v.dueDate));
}

/** The amount in the viewer's language and the invoice's currency (e.g. £1,200.00, ￥120,000). */
export function formatAmount(amount: string, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}
