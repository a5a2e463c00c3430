import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

const named = z.object({ results: z.array(z.looseObject({ name: z.string() })) });

const described = z.object({
  results: z.array(
    z.looseObject({
      name: z.string(),
      label: z.string(),
      type: z.string(),
      fieldType: z.string(),
      calculated: z.boolean().optional(),
      hidden: z.boolean().optional(),
      modificationMetadata: z.looseObject({ readOnlyValue: z.boolean().optional() }).optional(),
      options: z.array(z.looseObject({ value: z.string(), label: z.string() })).optional(),
    }),
  ),
});

/**
 * What the properties API says of one property (docs/vendors/hubspot.md §5), as the mapping screen needs it.
 */
export interface HubSpotPropertyInfo {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  /** Calculated or read-only in HubSpot: it can only be read, so it only flows to QBO. */
  readOnly: boolean;
  options?: Array<{ value: string; label: string }>;
}

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
        .filter((p) => !p.hidden)
        .map((p) => ({
          name: p.name,
          label: p.label,
          type: p.type,
          fieldType: p.fieldType,
          readOnly: Boolean(p.calculated || p.modificationMetadata?.readOnlyValue),
          ...(p.options ? { options: p.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
        })),
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
