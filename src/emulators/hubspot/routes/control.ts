import { Hono } from "hono";
import { z } from "zod";
import { parseControlBody } from "../../kit/index.ts";
import { developerApiKey } from "../core.ts";
import { CURRENCIES } from "../default-properties.ts";
import { failureResponse } from "../failures.ts";
import { ALL_SCOPES, tokenBody } from "../oauth.ts";
import { objectTypeOf } from "../object-types.ts";
import type { Portal } from "../portal.ts";
import type { WriteSource } from "../records.ts";
import { seedDemo } from "../seed.ts";
import { recordJson } from "../serialize.ts";
import type { World } from "../world.ts";
import { roleExists, userJson, type HsUser } from "../users.ts";
import { associationInputSchema, propertiesSchema } from "./schemas.ts";

const portalBody = z
  .object({
    companyCurrency: z.enum(CURRENCIES as [string, ...string[]]).optional(),
    seed: z.enum(["demo", "empty"]).optional(),
    timeZone: z
      .string()
      .refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", "unknown time zone")
      .optional(),
  })
  .strict();

const tokenRequest = z
  .object({
    portalId: z.number().int(),
    clientId: z.string().optional(),
    scopes: z.array(z.string()).optional(),
  })
  .strict();

const portalOnly = z.object({ portalId: z.number().int() }).strict();

const appBody = z
  .object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    redirectUris: z.array(z.url({ protocol: /^https?$/ })).min(1),
  })
  .strict();

const objectBody = z
  .object({
    properties: propertiesSchema.default({}),
    associations: z.array(associationInputSchema).optional(),
  })
  .strict();

/** A user as the control API creates one: HubSpot's fields plus what its API cannot set. */
const userBody = z
  .object({
    email: z.email(),
    firstName: z.string().max(100).default(""),
    lastName: z.string().max(100).default(""),
    roleId: z.string().refine(roleExists, "unknown role id").optional(),
    superAdmin: z.boolean().default(false),
    language: z.enum(["en", "ja"]).default("en"),
  })
  .strict();

const userPatch = z
  .object({ superAdmin: z.boolean(), language: z.enum(["en", "ja"]) })
  .partial()
  .strict();

/** The control API's view of a user: the API's JSON and the emulator-only language. */
const controlUserJson = (user: HsUser) => ({ ...userJson(user), language: user.language });

/** Edits made through the control API stand for a user in HubSpot's UI. */
const UI: WriteSource = { changeSource: "CRM_UI" };

const bad = (error: string) => Response.json({ error }, { status: 400 });

/**
 * The HubSpot-specific control routes under `/__emulator` (the shared ones come from the kit):
 * reset, portals, their users, tokens without consent, apps, and record edits "in the CRM UI" for tests that
 * need a change the integration did not make.
 */
export function hubspotControlRoutes(world: World, onReset: () => void): Hono {
  const app = new Hono();

  app.post("/reset", (c) => {
    world.reset();
    onReset();
    return c.json({ reset: true });
  });

  app.post("/portals", async (c) => {
    const body = await parseControlBody(c.req.raw, portalBody);
    if (!body.ok) return body.response;
    const portal = world.createPortal(body.value);
    if (body.value.seed === "demo") seedDemo(world, portal);
    return c.json({ portalId: portal.id }, 201);
  });

  app.get("/portals", (c) =>
    c.json({
      portals: [...world.portals.values()].map((p) => ({
        ...p.settings,
        records: Object.fromEntries([...p.tables].map(([type, table]) => [type, table.size])),
      })),
    }),
  );

  // Users with what HubSpot's API cannot set: super admin and the language of their UI.
  app.post("/portals/:portalId/users", async (c) => {
    const portal = world.portal(Number(c.req.param("portalId")));
    if (!portal) return Response.json({ error: `No portal ${c.req.param("portalId")}` }, { status: 404 });
    const body = await parseControlBody(c.req.raw, userBody);
    if (!body.ok) return body.response;
    const added = portal.addUser({ ...body.value, secondaryTeamIds: [] });
    if (added === "duplicate") return bad(`A user with the email ${body.value.email} already exists`);
    return c.json(controlUserJson(added), 201);
  });

  app.get("/portals/:portalId/users", (c) => {
    const portal = world.portal(Number(c.req.param("portalId")));
    if (!portal) return Response.json({ error: `No portal ${c.req.param("portalId")}` }, { status: 404 });
    return c.json({ users: portal.users.map(controlUserJson) });
  });

  app.patch("/portals/:portalId/users/:userId", async (c) => {
    const portal = world.portal(Number(c.req.param("portalId")));
    const user = portal?.user(c.req.param("userId"));
    if (!portal || !user)
      return Response.json({ error: `No user ${c.req.param("userId")} in that portal` }, { status: 404 });
    const body = await parseControlBody(c.req.raw, userPatch);
    if (!body.ok) return body.response;
    Object.assign(user, body.value);
    return c.json(controlUserJson(user));
  });

  app.post("/tokens", async (c) => {
    const body = await parseControlBody(c.req.raw, tokenRequest);
    if (!body.ok) return body.response;
    const portal = world.portal(body.value.portalId);
    if (!portal) return bad(`No portal ${body.value.portalId}`);
    const oauthApp = world.oauth.appByClientId(body.value.clientId ?? "ledgerlink-dev");
    if (!oauthApp) return bad(`No app with client id ${body.value.clientId}`);
    const grant = world.oauth.install(oauthApp, portal.settings, body.value.scopes ?? ALL_SCOPES);
    return c.json(tokenBody(grant));
  });

  // A token that dies before its expiry, and an uninstall: what a client must survive (ADR 0033).
  app.post("/tokens/expire", async (c) => {
    const body = await parseControlBody(c.req.raw, portalOnly);
    if (!body.ok) return body.response;
    if (!world.portal(body.value.portalId)) return bad(`No portal ${body.value.portalId}`);
    return c.json({ expired: world.oauth.expireAccess(body.value.portalId) });
  });
  app.post("/tokens/revoke", async (c) => {
    const body = await parseControlBody(c.req.raw, portalOnly);
    if (!body.ok) return body.response;
    if (!world.portal(body.value.portalId)) return bad(`No portal ${body.value.portalId}`);
    return c.json({ revoked: world.oauth.revokePortal(body.value.portalId) });
  });

  app.post("/apps", async (c) => {
    const body = await parseControlBody(c.req.raw, appBody);
    if (!body.ok) return body.response;
    return c.json({ appId: world.oauth.registerApp(body.value).appId }, 201);
  });

  app.get("/apps", (c) =>
    c.json({
      apps: world.oauth.apps().map((a) => ({ ...a, developerApiKey: developerApiKey(a) })),
    }),
  );

  app.post("/portals/:portalId/objects/:objectType", async (c) => {
    const target = portalAndType(world, c.req.param("portalId"), c.req.param("objectType"));
    if (target instanceof Response) return target;
    const body = await parseControlBody(c.req.raw, objectBody);
    if (!body.ok) return body.response;
    const created = world.crm.create(
      target.portal,
      target.type,
      body.value.properties,
      UI,
      body.value.associations,
    );
    if (!created.ok) return failureResponse(created.failure, target.portal.id);
    return c.json(recordJson(target.portal, created.value, { everything: true }), 201);
  });

  app.patch("/portals/:portalId/objects/:objectType/:id", async (c) => {
    const target = portalAndType(world, c.req.param("portalId"), c.req.param("objectType"));
    if (target instanceof Response) return target;
    const body = await parseControlBody(c.req.raw, objectBody.pick({ properties: true }).strict());
    if (!body.ok) return body.response;
    const found = world.crm.find(target.portal, target.type, c.req.param("id"));
    if (!found.ok) return failureResponse(found.failure, target.portal.id);
    const updated = world.crm.update(target.portal, found.value, body.value.properties, UI);
    if (!updated.ok) return failureResponse(updated.failure, target.portal.id);
    return c.json(recordJson(target.portal, updated.value, { everything: true }));
  });

  app.delete("/portals/:portalId/objects/:objectType/:id", (c) => {
    const target = portalAndType(world, c.req.param("portalId"), c.req.param("objectType"));
    if (target instanceof Response) return target;
    const found = world.crm.find(target.portal, target.type, c.req.param("id"));
    if (!found.ok) return failureResponse(found.failure, target.portal.id);
    world.crm.archive(target.portal, found.value, UI);
    return c.body(null, 204);
  });

  return app;
}

function portalAndType(
  world: World,
  portalId: string,
  objectType: string,
): { portal: Portal; type: string } | Response {
  const portal = world.portal(Number(portalId));
  if (!portal) return Response.json({ error: `No portal ${portalId}` }, { status: 404 });
  const type = objectTypeOf(objectType);
  if (!type) return bad(`Unknown object type ${objectType}`);
  return { portal, type: type.name };
}
