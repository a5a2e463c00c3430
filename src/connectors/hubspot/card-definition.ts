import { z } from "zod";

/**
 * Ledgerlink's "Integration invoices" card as a classic CRM card definition (docs/vendors/hubspot.md §10):
 * fetched from `/hubspot/card` on deals, contacts and companies; its IFRAME actions may only open
 * Ledgerlink's own URLs. HubSpot retired classic cards for real accounts (`hubspot-app/` has the app
 * card, ADR 0013); the HubSpot emulator keeps the contract, and the demo registers this definition there.
 */
export const CARD_TITLE = "Integration invoices";

export function ledgerlinkCardDefinition(publicUrl: string) {
  return {
    title: CARD_TITLE,
    fetch: {
      targetUrl: `${publicUrl}/hubspot/card`,
      objectTypes: (["deals", "contacts", "companies"] as const).map((name) => ({
        name,
        propertiesToSend: [],
      })),
    },
    display: { properties: [] },
    actions: { baseUrls: [publicUrl] },
  };
}

const cardList = z.object({ results: z.array(z.looseObject({ id: z.string(), title: z.string() })) });

/**
 * Registers (or updates) the card with HubSpot's developer API, idempotently: a second run finds
 * the card by title and patches it, so restarting the demo never shows the card twice.
 */
export async function registerCard(opts: {
  fetch: typeof fetch;
  apiBaseUrl: string;
  appId: string | number;
  developerKey: string;
  publicUrl: string;
}): Promise<string> {
  const base = `${opts.apiBaseUrl}/crm/v3/extensions/cards-dev/${opts.appId}`;
  const key = `hapikey=${encodeURIComponent(opts.developerKey)}`;
  const definition = ledgerlinkCardDefinition(opts.publicUrl);
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await opts.fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`HubSpot card API ${method} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const existing = cardList
    .parse(await call("GET", `${base}?${key}`))
    .results.find((c) => c.title === CARD_TITLE);
  if (existing) {
    await call("PATCH", `${base}/${existing.id}?${key}`, definition);
    return existing.id;
  }
  const created = z.looseObject({ id: z.string() }).parse(await call("POST", `${base}?${key}`, definition));
  return created.id;
}
