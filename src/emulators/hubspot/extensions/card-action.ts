import type { HsApp, HubSpotCore } from "../contract.ts";
import { recordParameters, type RecordContext } from "./card-fetch.ts";
import { signatureHeaders } from "./signatures.ts";

/** Methods whose parameters travel in the query string rather than a JSON body. */
const QUERY_METHODS = new Set(["GET", "DELETE", "HEAD"]);
const HOOK_TIMEOUT_MS = 10_000;

export interface HookResult {
  ok: boolean;
  status?: number;
  /** The `message` of the hook's JSON answer, which HubSpot shows to the user. */
  message?: string;
  error?: string;
}

/**
 * Calls an ACTION_HOOK as HubSpot does when a user clicks it (docs/vendors/hubspot.md §10): the user, the
 * record and the requested properties go in the query (GET, DELETE) or a JSON body (others), and
 * the request is signed with the app's client secret (v2 beside v3).
 */
export async function callActionHook(
  core: HubSpotCore,
  app: HsApp,
  hook: { url: string; httpMethod: string; propertyNames: string[] },
  ctx: RecordContext,
  fetchImpl: typeof fetch = fetch,
): Promise<HookResult> {
  const method = hook.httpMethod.toUpperCase();
  const url = new URL(hook.url);
  const params = recordParameters(ctx, hook.propertyNames);
  let body = "";
  if (QUERY_METHODS.has(method)) for (const [name, value] of params) url.searchParams.append(name, value);
  else body = JSON.stringify(Object.fromEntries(params));
  const headers = signatureHeaders({
    clientSecret: app.clientSecret,
    method,
    url: url.href,
    body,
    now: core.clock.now(),
    legacy: "v2",
  });
  try {
    const res = await fetchImpl(url.href, {
      method,
      headers: body ? { ...headers, "Content-Type": "application/json" } : headers,
      body: body || undefined,
      signal: AbortSignal.timeout(HOOK_TIMEOUT_MS),
    });
    const text = await res.text();
    let message: string | undefined;
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === "string") message = parsed.message;
    } catch {
      // Not JSON: the hook said nothing for the user.
    }
    return { ok: res.ok, status: res.status, message };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
