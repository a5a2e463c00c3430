import { z } from "zod";
import type { HttpClient, VendorError } from "../http-client.ts";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * HubSpot's timeline API v3 (docs/vendors/hubspot.md §15; ADR 0038). Event templates belong to the
 * app and are managed with the developer API key; events are written into a portal with its OAuth
 * token (scope `timeline`). A template is for one object type, so each invoice event kind has a
 * template on deals and one on contacts. Templates are in English: HubSpot stores one header and
 * detail per template, with no per-language variant.
 */
export const TIMELINE_EVENT_KINDS = ["created", "sent", "payment", "paid", "overdue"] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];
export const TIMELINE_OBJECT_TYPES = ["deals", "contacts"] as const;
export type TimelineObjectType = (typeof TIMELINE_OBJECT_TYPES)[number];

/** The app-level access the template calls need (HUBSPOT_APP_ID, HUBSPOT_DEVELOPER_API_KEY). */
export interface TimelineApp {
  fetch: typeof fetch;
  apiBaseUrl: string;
  appId: string;
  developerKey: string;
}

type TokenType = "string" | "number" | "date";
const token = (name: string, label: string, type: TokenType = "string") => ({ name, label, type });
const COMMON_TOKENS = [
  token("invoiceNumber", "Invoice number"),
  token("customer", "QuickBooks customer"),
  token("company", "QuickBooks company"),
  token("amount", "Invoice total", "number"),
  token("balance", "Balance due", "number"),
  token("currency", "Currency"),
  token("dueDate", "Due date", "date"),
  token("invoiceUrl", "Invoice link"),
];
const PAYMENT_TOKENS = [
  token("paymentAmount", "Payment amount", "number"),
  token("paymentDate", "Payment date", "date"),
];

const invoiceLink = "[{{invoiceNumber}}]({{invoiceUrl}})";
const DETAIL =
  "**Customer:** {{customer}}\n**Total:** {{amount}} {{currency}}\n**Balance due:** {{balance}} {{currency}}\n" +
  "**Due:** {{#formatDate dueDate}}{{/formatDate}}\n**QuickBooks company:** {{company}}";
const HEADERS: Record<TimelineEventKind, { name: string; header: string; detail?: string }> = {
  created: {
    name: "QuickBooks invoice created",
    header: `QuickBooks invoice ${invoiceLink} created for {{customer}}: {{amount}} {{currency}}`,
  },
  sent: { name: "QuickBooks invoice sent", header: `QuickBooks invoice ${invoiceLink} sent to {{customer}}` },
  payment: {
    name: "QuickBooks payment recorded",
    header: `Payment of {{paymentAmount}} {{currency}} recorded on QuickBooks invoice ${invoiceLink}`,
    detail: `**Paid on:** {{#formatDate paymentDate}}{{/formatDate}}\n${DETAIL}`,
  },
  paid: { name: "QuickBooks invoice paid", header: `QuickBooks invoice ${invoiceLink} paid in full` },
  overdue: {
    name: "QuickBooks invoice overdue",
    header: `QuickBooks invoice ${invoiceLink} is overdue: {{balance}} {{currency}} due`,
  },
};

/** The ten templates: each kind on deals and on contacts. */
export function timelineTemplateDefinitions() {
  return TIMELINE_OBJECT_TYPES.flatMap((objectType) =>
    TIMELINE_EVENT_KINDS.map((kind) => ({
      kind,
      objectType,
      name: HEADERS[kind].name,
      headerTemplate: HEADERS[kind].header,
      detailTemplate: HEADERS[kind].detail ?? DETAIL,
      tokens: kind === "payment" ? [...COMMON_TOKENS, ...PAYMENT_TOKENS] : COMMON_TOKENS,
    })),
  );
}

/** Where a template is found: `${kind}:${objectType}` → template id. */
export type TimelineTemplateIds = Map<string, string>;
export const templateKey = (kind: TimelineEventKind, objectType: TimelineObjectType) =>
  `${kind}:${objectType}`;

const templateList = z.object({
  results: z.array(z.looseObject({ id: z.string(), name: z.string(), objectType: z.string() })),
});

/**
 * Makes sure the app has every template, idempotently: lists the app's templates, creates the
 * missing ones (matched by name and object type), and returns all their ids. Run at app set-up
 * and by the event writer when it has no ids yet; a second run creates nothing.
 */
export async function ensureTimelineTemplates(app: TimelineApp): Promise<TimelineTemplateIds> {
  const base = `${app.apiBaseUrl}/integrators/timeline/v3/${encodeURIComponent(app.appId)}/event-templates`;
  const key = `hapikey=${encodeURIComponent(app.developerKey)}`;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await app.fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok)
      throw new Error(`HubSpot timeline templates ${method} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const existing = templateList.parse(await call("GET", `${base}?${key}`)).results;
  const ids: TimelineTemplateIds = new Map();
  for (const def of timelineTemplateDefinitions()) {
    const found = existing.find((t) => t.name === def.name && t.objectType === def.objectType);
    const id =
      found?.id ??
      z.looseObject({ id: z.string() }).parse(
        await call("POST", `${base}?${key}`, {
          name: def.name,
          objectType: def.objectType,
          headerTemplate: def.headerTemplate,
          detailTemplate: def.detailTemplate,
          tokens: def.tokens,
        }),
      ).id;
    ids.set(templateKey(def.kind, def.objectType), id);
  }
  return ids;
}

export interface TimelineEventInput {
  eventTemplateId: string;
  /** Ours, deterministic: HubSpot refuses a second event with the same id on a template. */
  id: string;
  objectId: string;
  timestamp: Date;
  tokens: Record<string, string>;
  link: { url: string; label: string; headerLabel: string };
}

/**
 * `POST /integrators/timeline/v3/events`. "duplicate" when HubSpot already has an event with this
 * id on the template (409): an earlier attempt got through, which is success for a writer that
 * must write each event once.
 */
export async function createTimelineEvent(
  http: HttpClient,
  event: TimelineEventInput,
): Promise<Result<"created" | "duplicate", VendorError>> {
  const res = await http.request({
    method: "POST",
    path: "/integrators/timeline/v3/events",
    body: {
      eventTemplateId: event.eventTemplateId,
      id: event.id,
      objectId: event.objectId,
      timestamp: event.timestamp.toISOString(),
      tokens: event.tokens,
      timelineIFrame: {
        linkLabel: event.link.label,
        headerLabel: event.link.headerLabel,
        url: event.link.url,
        width: 800,
        height: 600,
      },
    },
    // The id is ours: a retried POST that already landed answers 409, which we read as done.
    idempotent: true,
  });
  if (res.ok) return ok("created");
  if (res.error.status === 409) return ok("duplicate");
  return err(res.error);
}
