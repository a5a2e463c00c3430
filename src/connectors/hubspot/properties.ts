import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { PropertyDefinition } from "../../domain/crm.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import { propertyDefinitionWire, toPropertyDefinition } from "./wire/property.ts";

const named = z.object({ results: z.array(z.looseObject({ name: z.string() })) });

const described = z.object({ results: z.array(propertyDefinitionWire) });

/** What the properties API says of one visible property, as the mapping screen needs it. */
export type HubSpotPropertyInfo = Omit<PropertyDefinition, "hidden">;

const describe = (e: VendorError) => `${e.kind}${e.status ? ` (${e.status})` : ""}: ${e.message}`;

/**
 * HubSpot's properties API (https://developers.hubspot.com/docs/api/crm/properties), the part
 * portal set-up needs. A 409 on create means it exists already: that is success for set-up.
 */
export function hubspotPropertiesApi(http: HttpClient) {
  const base = (objectType: string) => `/crm/v3/properties/${encodeURIComponent(objectType)}`;
  const create = async (path: string, body: unknown): Promise<Result<void, string>> => {
    const res = await http.request({ method: "POST", path, body });
    if (res.ok || res.error.kind === "conflict") return ok(undefined);
    return err(describe(res.error));
  };
  const names = async (path: string): Promise<Result<string[], string>> => {
    const res = await http.request({ method: "GET", path, schema: named });
    return res.ok ? ok(res.value.body.results.map((r) => r.name)) : err(describe(res.error));
  };
  const properties = async (objectType: string): Promise<Result<HubSpotPropertyInfo[], string>> => {
    const res = await http.request({ method: "GET", path: base(objectType), schema: described });
    if (!res.ok) return err(describe(res.error));
    return ok(
      res.value.body.results
        .map(toPropertyDefinition)
        .filter((p) => !p.hidden)
        .map(({ hidden: _hidden, ...visible }) => visible),
    );
  };
  return {
    properties,
    groupNames: (objectType: string) => names(`${base(objectType)}/groups`),
    createGroup: (objectType: string, group: { name: string; label: string }) =>
      create(`${base(objectType)}/groups`, { ...group, displayOrder: -1 }),
    propertyNames: (objectType: string) => names(base(objectType)),
    createProperty: (objectType: string, property: Record<string, unknown>) =>
      create(base(objectType), property),
  };
}
