import { Hono, type Context } from "hono";
import { requireScope, type HsEnv } from "../auth.ts";
import { errorResponse } from "../errors.ts";
import { failureResponse } from "../failures.ts";
import { readScopes, type ObjectType } from "../object-types.ts";
import {
  archiveProperty,
  createGroup,
  createProperty,
  groupCreateSchema,
  propertyCreateSchema,
  propertyUpdateSchema,
  updateProperty,
} from "../property-definitions.ts";
import type { World } from "../world.ts";
import { booleanQuery, jsonBody, objectTypeParam } from "./common.ts";

/**
 * The Properties API (docs/vendors/hubspot.md §5): properties and groups per object type. Mounted at
 * `/crm/v3/properties` and the date-versioned `/crm/properties/{version}`.
 */
export function propertyRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  const now = () => world.clock.now().toISOString();

  /** Reading definitions takes a schema scope or the object's read scope; changing them a schema write scope. */
  const access = (c: Context<HsEnv>, write: boolean): ObjectType | Response => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const { read, write: writers } = type.schemaScopes;
    const scopes = write ? writers : [...read, ...writers, ...readScopes(type)];
    return requireScope(c, scopes) ?? type;
  };

  app.get("/:objectType/groups", (c) => {
    const type = access(c, false);
    if (type instanceof Response) return type;
    return c.json({ results: c.get("auth").portal.groups(type.name) });
  });

  app.post("/:objectType/groups", async (c) => {
    const type = access(c, true);
    if (type instanceof Response) return type;
    const body = await jsonBody(c, groupCreateSchema);
    if (body instanceof Response) return body;
    const { portal } = c.get("auth");
    const created = createGroup(portal, type.name, body);
    return created.ok ? c.json(created.value, 201) : failureResponse(created.failure, portal.id);
  });

  app.get("/:objectType/groups/:groupName", (c) => {
    const type = access(c, false);
    if (type instanceof Response) return type;
    const group = c
      .get("auth")
      .portal.groups(type.name)
      .find((g) => g.name === c.req.param("groupName"));
    return group
      ? c.json(group)
      : errorResponse(404, "OBJECT_NOT_FOUND", `Unable to find property group ${c.req.param("groupName")}`);
  });

  app.get("/:objectType", (c) => {
    const type = access(c, false);
    if (type instanceof Response) return type;
    return c.json({ results: c.get("auth").portal.properties(type.name, booleanQuery(c, "archived")) });
  });

  app.post("/:objectType", async (c) => {
    const type = access(c, true);
    if (type instanceof Response) return type;
    const body = await jsonBody(c, propertyCreateSchema);
    if (body instanceof Response) return body;
    const { portal } = c.get("auth");
    const created = createProperty(portal, type.name, body, now());
    return created.ok ? c.json(created.value, 201) : failureResponse(created.failure, portal.id);
  });

  app.get("/:objectType/:propertyName", (c) => {
    const type = access(c, false);
    if (type instanceof Response) return type;
    const name = c.req.param("propertyName");
    const property = c.get("auth").portal.property(type.name, name);
    return property ? c.json(property) : notFound(name, type);
  });

  app.patch("/:objectType/:propertyName", async (c) => {
    const type = access(c, true);
    if (type instanceof Response) return type;
    const body = await jsonBody(c, propertyUpdateSchema);
    if (body instanceof Response) return body;
    const { portal } = c.get("auth");
    const name = c.req.param("propertyName");
    const updated = updateProperty(portal, type.name, name, body, now());
    if (updated.ok) return c.json(updated.value);
    return updated.failure.kind === "not_found"
      ? notFound(name, type)
      : failureResponse(updated.failure, portal.id);
  });

  app.delete("/:objectType/:propertyName", (c) => {
    const type = access(c, true);
    if (type instanceof Response) return type;
    const { portal } = c.get("auth");
    const name = c.req.param("propertyName");
    const archived = archiveProperty(portal, type.name, name, now());
    if (archived.ok) return c.body(null, 204);
    return archived.failure.kind === "not_found"
      ? notFound(name, type)
      : failureResponse(archived.failure, portal.id);
  });

  return app;
}

function notFound(name: string, type: ObjectType): Response {
  return errorResponse(
    404,
    "OBJECT_NOT_FOUND",
    `Unable to find property ${name} for object type ${type.typeId}`,
  );
}
