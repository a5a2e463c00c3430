import { z } from "zod";

const definitionList = z.object({
  results: z.array(z.looseObject({ id: z.string(), actionUrl: z.string() })),
});

/**
 * Registers (or updates) a custom workflow action with HubSpot's automation actions API
 * (docs/vendors/hubspot.md §11), idempotently: a second run finds the definition by its action URL and
 * patches it, so restarting the demo never shows the action twice.
 */
export async function registerWorkflowAction(opts: {
  fetch: typeof fetch;
  apiBaseUrl: string;
  appId: string | number;
  developerKey: string;
  definition: { actionUrl: string } & Record<string, unknown>;
}): Promise<string> {
  const base = `${opts.apiBaseUrl}/automation/v4/actions/${opts.appId}`;
  const key = `hapikey=${encodeURIComponent(opts.developerKey)}`;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await opts.fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`HubSpot actions API ${method} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const existing = definitionList
    .parse(await call("GET", `${base}?${key}`))
    .results.find((d) => d.actionUrl === opts.definition.actionUrl);
  if (existing) {
    await call("PATCH", `${base}/${existing.id}?${key}`, opts.definition);
    return existing.id;
  }
  const created = z
    .looseObject({ id: z.string() })
    .parse(await call("POST", `${base}?${key}`, opts.definition));
  return created.id;
}
