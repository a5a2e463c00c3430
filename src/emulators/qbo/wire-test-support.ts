import type { WireError } from "../../connectors/qbo/wire/index.ts";
import type { Result } from "../../lib/result.ts";
import { createEmulatorClock } from "../kit/index.ts";
import { createQboEmulator } from "./app.ts";

/**
 * The in-process QBO emulator as the wire-conformance tests drive it: a company with the demo
 * seed and a token, and the Accounting API called at minor version 75 as Ledgerlink calls it.
 */
export type Json = Record<string, unknown>;

export function wireEmulator() {
  const emulator = createQboEmulator({
    clock: createEmulatorClock({ start: "2026-05-02T17:00:00Z", frozen: true }),
    rateLimits: false,
  });

  async function call(method: string, path: string, body?: unknown, token?: string): Promise<Json> {
    const res = await emulator.fetch(
      new Request(`http://qbo.test${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return (await res.json()) as Json;
  }

  async function company(country: string) {
    const { realmId } = await call("POST", "/__emulator/companies", {
      name: `Wire ${country}`,
      country,
      seed: "demo",
    });
    const { access_token } = await call("POST", "/__emulator/tokens", { realmId });
    const base = `/v3/company/${String(realmId)}`;
    const api = (method: string, path: string, body?: unknown) =>
      call(
        method,
        `${base}${path}${path.includes("?") ? "&" : "?"}minorversion=75`,
        body,
        String(access_token),
      );
    const query = (sql: string) => api("GET", `/query?query=${encodeURIComponent(sql)}`);
    return { realmId: String(realmId), api, query };
  }

  return { emulator, call, company };
}

/** The value of a parse, or the test fails with the wire error's message. */
export function value<T>(r: Result<T, WireError>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
