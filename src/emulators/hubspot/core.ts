import type { WebhookDispatcher } from "../kit/index.ts";
import { authenticate } from "./auth.ts";
import type { HsApp, HubSpotCore } from "./contract.ts";
import type { AccessTokenCheck } from "./extensions/access-token.ts";
import { errorResponse } from "./errors.ts";
import { objectTypeOf } from "./object-types.ts";
import type { World } from "./world.ts";

/**
 * HubSpot's webhook retry schedule (docs/vendors/hubspot.md §7): up to 10 retries over 24 hours with
 * increasing, randomised delays. Ours doubles from one minute (ending after about 17 hours) with
 * a fixed per-attempt offset standing in for the randomness, so tests can predict it.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS = Array.from(
  { length: 10 },
  (_, i) => 60_000 * 2 ** i + ((i * 37) % 60) * 1000,
);

/** The developer API key (`?hapikey=`) of an app: derived from its client id so it can be documented. */
export function developerApiKey(app: HsApp): string {
  return `${app.clientId}-hapikey`;
}

/** What the extensions see of the emulator (contract.ts). */
export function createCore(
  world: World,
  webhooks: WebhookDispatcher,
  publicUrl: () => string,
): HubSpotCore & AccessTokenCheck {
  const typeName = (spelled: string) => objectTypeOf(spelled)?.name;
  return {
    clock: world.clock,
    webhooks,
    publicUrl,
    portalExists: (portalId) => world.portal(portalId) !== undefined,
    getRecord(portalId, objectType, id) {
      const type = typeName(objectType);
      return type ? world.portal(portalId)?.record(type, id) : undefined;
    },
    findContactByEmail(portalId, email) {
      const wanted = email.toLowerCase();
      const table = world.portal(portalId)?.table("contacts");
      for (const r of table?.records.values() ?? [])
        if (!r.archived && r.properties.email?.toLowerCase() === wanted) return r.id;
      return undefined;
    },
    associatedIds(portalId, objectType, id, toObjectType) {
      const portal = world.portal(portalId);
      const from = typeName(objectType);
      const to = typeName(toObjectType);
      if (!portal || !from || !to) return [];
      return portal.associations
        .list(from, id, to)
        .filter((l) => portal.record(to, l.toId)?.archived === false)
        .map((l) => l.toId);
    },
    users: (portalId) =>
      (world.portal(portalId)?.users ?? []).map((u) => ({
        id: Number(u.id),
        email: u.email,
        name: [u.firstName, u.lastName].filter(Boolean).join(" ") || u.email,
        language: u.language,
        superAdmin: u.superAdmin,
      })),
    propertyLabel(portalId, objectType, name) {
      const type = typeName(objectType);
      return (type && world.portal(portalId)?.property(type, name)?.label) || name;
    },
    updateRecord(portalId, objectType, id, properties, changeSource) {
      const portal = world.portal(portalId);
      const type = typeName(objectType);
      const record = type ? portal?.record(type, id) : undefined;
      if (!portal || !record || record.archived) return undefined;
      const updated = world.crm.update(portal, record, properties, { changeSource });
      return updated.ok ? updated.value : undefined;
    },
    onChange: (listener) => world.onChange(listener),
    appById: (appId) => world.oauth.appById(appId),
    appByClientId: (clientId) => world.oauth.appByClientId(clientId),
    authenticateDeveloper(req, appId) {
      const app = world.oauth.appById(appId);
      if (!app) return errorResponse(404, "OBJECT_NOT_FOUND", `App ${appId} does not exist.`);
      const key = new URL(req.url).searchParams.get("hapikey");
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim();
      if (key === developerApiKey(app) || bearer === app.clientSecret) return undefined;
      return errorResponse(
        401,
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
      );
    },
    errorResponse,
    // Workflow-action callbacks are OAuth APIs: the same bearer check as the CRM (scope `automation`).
    authenticateAccessToken(req) {
      const auth = authenticate(world, req.headers.get("authorization") ?? undefined);
      if (auth instanceof Response) return auth;
      return { portalId: auth.portal.id, appId: auth.grant.appId, scopes: auth.grant.scopes };
    },
  };
}
