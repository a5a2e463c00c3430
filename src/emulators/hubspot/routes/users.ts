import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireScope, type HsEnv } from "../auth.ts";
import { errorResponse } from "../errors.ts";
import { ROLES, roleExists, userJson, type HsUser } from "../users.ts";
import { jsonBody } from "./common.ts";

/** HubSpot pages users 100 at a time (`limit` up to 100). */
const MAX_PAGE = 100;

const teamId = z.string().regex(/^\d+$/, "must be a team id");
const roleId = z
  .string()
  .refine(roleExists, "is not a role of this account (GET /settings/v3/users/roles lists them)");

const provisionBody = z.object({
  email: z.email(),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  roleId: roleId.optional(),
  primaryTeamId: teamId.optional(),
  secondaryTeamIds: z.array(teamId).optional(),
  sendWelcomeEmail: z.boolean().optional(),
});

const updateBody = provisionBody.omit({ email: true, sendWelcomeEmail: true });

const READ = ["settings.users.read", "settings.users.write"];
const WRITE = ["settings.users.write"];

/**
 * The Settings User Provisioning API v3 (docs/vendors/hubspot.md §12a): list, create, read, update
 * and remove users, and the account's roles. `idProperty=EMAIL` addresses a user by e-mail.
 * A user created here is not a super admin and speaks English; `POST /__emulator/portals/{id}/users`
 * sets both (HubSpot's API can do neither).
 */
export function userRoutes(): Hono<HsEnv> {
  const app = new Hono<HsEnv>({ strict: false });

  const find = (c: Context<HsEnv>): HsUser | Response => {
    const by = c.req.query("idProperty") ?? "USER_ID";
    if (by !== "USER_ID" && by !== "EMAIL")
      return errorResponse(400, "VALIDATION_ERROR", `idProperty must be USER_ID or EMAIL (got ${by}).`);
    const user = c.get("auth").portal.user(c.req.param("userId") ?? "", by);
    return user ?? errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");
  };

  app.get("/settings/v3/users/roles", (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    return c.json({ results: ROLES });
  });

  app.get("/settings/v3/users", (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    const asked = Number(c.req.query("limit") ?? MAX_PAGE);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE) : MAX_PAGE;
    const start = Number(c.req.query("after") ?? 0) || 0;
    const users = c.get("auth").portal.users;
    const next = start + limit < users.length ? String(start + limit) : undefined;
    const base = `${new URL(c.req.url).origin}/settings/v3/users/`;
    return c.json({
      results: users.slice(start, start + limit).map(userJson),
      ...(next ? { paging: { next: { after: next, link: `${base}?after=${next}` } } } : {}),
    });
  });

  app.post("/settings/v3/users", async (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const body = await jsonBody(c, provisionBody);
    if (body instanceof Response) return body;
    const added = c.get("auth").portal.addUser({
      email: body.email,
      firstName: body.firstName ?? "",
      lastName: body.lastName ?? "",
      roleId: body.roleId,
      primaryTeamId: body.primaryTeamId,
      secondaryTeamIds: body.secondaryTeamIds ?? [],
      superAdmin: false,
      language: "en",
    });
    if (added === "duplicate")
      return errorResponse(409, "CONFLICT", `A user with the email ${body.email} already exists.`);
    return c.json({ ...userJson(added), sendWelcomeEmail: body.sendWelcomeEmail ?? false }, 201);
  });

  app.get("/settings/v3/users/:userId", (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    const user = find(c);
    return user instanceof Response ? user : c.json(userJson(user));
  });

  app.put("/settings/v3/users/:userId", async (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const user = find(c);
    if (user instanceof Response) return user;
    const body = await jsonBody(c, updateBody);
    if (body instanceof Response) return body;
    Object.assign(user, {
      ...(body.firstName !== undefined ? { firstName: body.firstName } : {}),
      ...(body.lastName !== undefined ? { lastName: body.lastName } : {}),
      ...(body.roleId !== undefined ? { roleId: body.roleId } : {}),
      ...(body.primaryTeamId !== undefined ? { primaryTeamId: body.primaryTeamId } : {}),
      ...(body.secondaryTeamIds !== undefined ? { secondaryTeamIds: body.secondaryTeamIds } : {}),
    });
    return c.json(userJson(user));
  });

  app.delete("/settings/v3/users/:userId", (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const user = find(c);
    if (user instanceof Response) return user;
    const portal = c.get("auth").portal;
    portal.users = portal.users.filter((u) => u !== user);
    return c.body(null, 204);
  });

  return app;
}
