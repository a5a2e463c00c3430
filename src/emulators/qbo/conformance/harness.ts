import { createRequire } from "node:module";
import type QuickBooksModule from "node-quickbooks";
import { createEmulatorClock, listen, type EmulatorClock, type RunningServer } from "../../kit/index.ts";
import { createQboEmulator, type QboEmulator, type QboEmulatorOptions } from "../app.ts";

type Json = Record<string, unknown>;
type QuickBooksClass = typeof QuickBooksModule.default;
type QuickBooks = InstanceType<QuickBooksClass>;
// node-quickbooks is CommonJS whose typings claim a default export; require gives the class itself.
const QuickBooks = createRequire(import.meta.url)("node-quickbooks") as QuickBooksClass;

export interface QboHarness {
  emulator: QboEmulator;
  server: RunningServer;
  clock: EmulatorClock;
  url: string;
  /** POST/GET a control route and return its JSON. */
  control(path: string, body?: unknown, method?: string): Promise<{ status: number; body: Json }>;
  /** A company plus a token for it, and a node-quickbooks client pointed at the emulator. */
  connect(company: Json): Promise<{ realmId: string; token: Json; qbo: QboClient }>;
  close(): Promise<void>;
}

/** node-quickbooks with promises: `call("createCustomer", body)` resolves or rejects with its error body. */
export interface QboClient {
  raw: QuickBooks;
  call<T = Json>(method: string, ...args: unknown[]): Promise<T>;
}

export function qboClient(url: string, realmId: string, token: Json): QboClient {
  const raw = new QuickBooks(
    "ledgerlink-dev",
    "ledgerlink-dev-secret",
    String(token.access_token),
    false,
    realmId,
    true,
    false,
    "75",
    "2.0",
    String(token.refresh_token),
  );
  // The instance field, not the static: each test file keeps its own emulator (docs/vendors/quickbooks.md
  // §12.1).
  (raw as unknown as { endpoint: string }).endpoint = `${url}/v3/company/`;
  return {
    raw,
    call<T>(method: string, ...args: unknown[]) {
      return new Promise<T>((resolve, reject) => {
        const fn = (raw as unknown as Record<string, (...a: unknown[]) => void>)[method];
        if (!fn) throw new Error(`node-quickbooks has no method ${method}`);
        fn.call(raw, ...args, (err: unknown, data: T) => (err ? reject(err) : resolve(data)));
      });
    },
  };
}

export async function startQboHarness(opts: QboEmulatorOptions = {}): Promise<QboHarness> {
  const clock = createEmulatorClock({ start: "2026-05-02T17:00:00Z", frozen: true });
  const emulator = createQboEmulator({ clock, rateLimits: false, ...opts });
  const server = await listen(emulator.fetch, 0);
  const control: QboHarness["control"] = async (path, body, method) => {
    const res = await fetch(`${server.url}/__emulator${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  return {
    emulator,
    server,
    clock,
    url: server.url,
    control,
    async connect(company) {
      const created = await control("/companies", company);
      if (created.status !== 201) throw new Error(`company: ${JSON.stringify(created.body)}`);
      const realmId = String(created.body.realmId);
      const token = (await control("/tokens", { realmId })).body;
      return { realmId, token, qbo: qboClient(server.url, realmId, token) };
    },
    async close() {
      emulator.close();
      await server.close();
    },
  };
}

/** The first Fault error of a node-quickbooks rejection. */
export function faultOf(error: unknown): {
  code?: string;
  Message?: string;
  Detail?: string;
  element?: string;
} {
  // node-quickbooks rejects a 2xx Fault with the body, and an HTTP error with axios's error.
  type WithFault = { Fault?: { Error?: Array<Record<string, string>> } };
  const e = error as WithFault & { response?: { data?: WithFault } };
  const fault = e.Fault ?? e.response?.data?.Fault;
  return fault?.Error?.[0] ?? {};
}
