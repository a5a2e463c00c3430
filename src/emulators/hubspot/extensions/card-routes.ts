import { Hono } from "hono";
import type { HubSpotCore } from "../contract.ts";
import { cardCreateSchema, cardPatchSchema, cardResponse, type CardStore } from "./card-store.ts";
import { developerApp, readJson } from "./http.ts";

/**
 * The card definition API (docs/vendors/hubspot.md §10), served under both `/crm/v3/extensions/cards-dev`
 * (what `@hubspot/api-client` calls) and the older `/crm/v3/extensions/cards`.
 */
export function cardRoutes(core: HubSpotCore, cards: CardStore): Hono {
  const app = new Hono({ strict: false });
  const notFound = (id: string) => core.errorResponse(404, "OBJECT_NOT_FOUND", `Card ${id} does not exist.`);

  for (const base of ["/crm/v3/extensions/cards-dev/:appId", "/crm/v3/extensions/cards/:appId"]) {
    app.get(base, (c) => {
      const appId = developerApp(core, c);
      if (appId instanceof Response) return appId;
      return c.json({ results: cards.list(appId).map(cardResponse) });
    });

    app.post(base, async (c) => {
      const appId = developerApp(core, c);
      if (appId instanceof Response) return appId;
      const body = await readJson(core, c.req.raw, cardCreateSchema);
      if (!body.ok) return body.response;
      return c.json(cardResponse(cards.create(appId, body.value, core.clock.now())), 201);
    });

    app.get(`${base}/:cardId`, (c) => {
      const appId = developerApp(core, c);
      if (appId instanceof Response) return appId;
      const card = cards.get(appId, c.req.param("cardId"));
      return card ? c.json(cardResponse(card)) : notFound(c.req.param("cardId"));
    });

    app.patch(`${base}/:cardId`, async (c) => {
      const appId = developerApp(core, c);
      if (appId instanceof Response) return appId;
      const card = cards.get(appId, c.req.param("cardId"));
      if (!card) return notFound(c.req.param("cardId"));
      const body = await readJson(core, c.req.raw, cardPatchSchema);
      if (!body.ok) return body.response;
      return c.json(cardResponse(cards.patch(card, body.value, core.clock.now())));
    });

    app.delete(`${base}/:cardId`, (c) => {
      const appId = developerApp(core, c);
      if (appId instanceof Response) return appId;
      const card = cards.get(appId, c.req.param("cardId"));
      if (!card) return notFound(c.req.param("cardId"));
      cards.delete(card);
      return c.body(null, 204);
    });
  }
  return app;
}
