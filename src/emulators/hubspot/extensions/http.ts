import type { Context } from "hono";
import type { z } from "zod";
import type { HubSpotCore } from "../contract.ts";

/**
 * The app a developer-API request is about (`/{appId}` in its path), once the core has accepted
 * its credentials (`?hapikey=` or the client secret as a bearer token); else the error to send.
 */
export function developerApp(core: HubSpotCore, c: Context): number | Response {
  const raw = c.req.param("appId") ?? "";
  if (!/^\d+$/.test(raw)) return core.errorResponse(404, "OBJECT_NOT_FOUND", `App ${raw} does not exist.`);
  const appId = Number(raw);
  return core.authenticateDeveloper(c.req.raw, appId) ?? appId;
}

/**
 * Parses a public-API JSON body with a schema. Failures answer as HubSpot does: 400
 * `VALIDATION_ERROR` with one `errors[]` entry per problem, naming the field in `context`.
 */
export async function readJson<T>(
  core: HubSpotCore,
  req: Request,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await req.text());
  } catch {
    return {
      ok: false,
      response: core.errorResponse(
        400,
        "VALIDATION_ERROR",
        "Invalid input JSON: the body is not valid JSON.",
      ),
    };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = issue.path.join(".") || "body";
    return { message: `${field}: ${issue.message}`, code: "INVALID_FIELD", context: { field: [field] } };
  });
  return {
    ok: false,
    response: core.errorResponse(
      400,
      "VALIDATION_ERROR",
      `Invalid input: ${errors.map((e) => e.message).join("; ")}`,
      { errors },
    ),
  };
}

/** True when `url` is an absolute http(s) URL (HubSpot insists on https; the emulator allows http for local receivers). */
export function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}
