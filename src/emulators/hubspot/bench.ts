import { createEmulatorClock } from "../kit/index.ts";
import { createHubSpotEmulator } from "./app.ts";

const BATCH = 100;

/**
 * Creates `n` contacts through batch upsert (100 per call, `idProperty: "email"`) and reads them
 * back 100 at a time through list paging, all in process with rate limits off. Returns how long
 * it took; `npm run bench` prints it.
 */
export async function benchHubSpotContacts(
  n = 10_000,
): Promise<{ ms: number; created: number; read: number }> {
  const emulator = createHubSpotEmulator({ clock: createEmulatorClock({ frozen: true }), rateLimits: false });
  const portalId = emulator.createPortal();
  const token = emulator.issueToken(portalId).access_token;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await emulator.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as {
      results: Array<{ id: string; new?: boolean }>;
      paging?: { next?: { after: string } };
    };
  };

  const started = performance.now();
  let created = 0;
  for (let from = 0; from < n; from += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, n - from) }, (_, i) => ({
      id: `bench-${from + i}@example.com`,
      idProperty: "email",
      properties: { firstname: "Bench", lastname: String(from + i) },
    }));
    const body = await call("POST", "/crm/v3/objects/contacts/batch/upsert", { inputs });
    created += body.results.filter((r) => r.new).length;
  }
  let read = 0;
  let after: string | undefined;
  do {
    const body = await call(
      "GET",
      `/crm/v3/objects/contacts?limit=${BATCH}${after ? `&after=${after}` : ""}`,
    );
    read += body.results.length;
    after = body.paging?.next?.after;
  } while (after);
  const ms = performance.now() - started;
  await emulator.close();
  return { ms: Math.round(ms), created, read };
}
