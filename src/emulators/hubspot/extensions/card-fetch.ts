import type { HsApp, HsRecord, HsViewer, HubSpotCore } from "../contract.ts";
import { parseCardResponse, type CardView } from "./card-response.ts";
import type { CardDefinition } from "./card-store.ts";
import type { ObjectTypeNames } from "./object-types.ts";
import { signatureHeaders } from "./signatures.ts";

/** HubSpot gives a card's data fetch five seconds [docs/unverified]. */
const FETCH_TIMEOUT_MS = 5000;

export interface RecordContext {
  portalId: number;
  type: ObjectTypeNames;
  record: HsRecord;
  /** Who is looking (console/current-user.ts): HubSpot sends their id and e-mail. */
  viewer: Pick<HsViewer, "id" | "email" | "language">;
}

export type CardOutcome =
  | { ok: true; view: CardView }
  | { ok: false; reason: "network" | "status" | "json" | "shape"; detail: string };

/**
 * The parameters HubSpot sends with a card fetch and with an action hook (docs/vendors/hubspot.md §10):
 * who is looking, at which record, and the values of the properties the card asked for.
 */
export function recordParameters(ctx: RecordContext, propertyNames: string[]): Array<[string, string]> {
  const params: Array<[string, string]> = [
    ["userId", String(ctx.viewer.id)],
    ["userEmail", ctx.viewer.email],
    ["associatedObjectId", ctx.record.id],
    ["associatedObjectType", ctx.type.upper],
    ["portalId", String(ctx.portalId)],
  ];
  for (const name of new Set([...propertyNames, "hs_object_id"]))
    params.push([name, ctx.record.properties[name] ?? (name === "hs_object_id" ? ctx.record.id : "")]);
  return params;
}

/** Calls a card's fetch URL for a record, signed as HubSpot signs it, and reads the answer. */
export async function fetchCard(
  core: HubSpotCore,
  app: HsApp,
  card: CardDefinition,
  ctx: RecordContext,
  fetchImpl: typeof fetch = fetch,
): Promise<CardOutcome> {
  const url = new URL(card.fetch.targetUrl);
  const wanted = card.fetch.objectTypes.find((t) => t.name === ctx.type.name)?.propertiesToSend ?? [];
  for (const [name, value] of recordParameters(ctx, wanted)) url.searchParams.append(name, value);
  const headers = signatureHeaders({
    clientSecret: app.clientSecret,
    method: "GET",
    url: url.href,
    body: "",
    now: core.clock.now(),
    legacy: "v2",
  });
  let res: Response;
  try {
    res = await fetchImpl(url.href, {
      // Emulator-only: the classic fetch has no parameter for the viewer's language (HubSpot gives
      // app cards `context.user.locale`), so the emulator says it the way any HTTP client would.
      headers: { ...headers, Accept: "application/json", "Accept-Language": ctx.viewer.language },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: "network", detail: error instanceof Error ? error.message : String(error) };
  }
  const text = await res.text();
  if (!res.ok)
    return { ok: false, reason: "status", detail: `HTTP ${res.status} ${text.slice(0, 200)}`.trim() };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "json", detail: text.slice(0, 200) };
  }
  const parsed = parseCardResponse(card, raw);
  return parsed.ok ? parsed : { ok: false, reason: "shape", detail: parsed.error };
}
