import type { Database } from "../../src/db/kysely.ts";
import { rateBudgetStore } from "../../src/db/rate-budgets.ts";
import type { HubSpotApp } from "../../src/connectors/hubspot/oauth.ts";
import type { IntuitApp } from "../../src/connectors/qbo/oauth.ts";
import { RateBudget } from "../../src/connectors/rate-budget.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { createVendorClients } from "../../src/features/connections/vendor-clients.ts";
import { testSecrets } from "./app.ts";

/** Vendor clients whose sleeps move the manual clock instead of waiting. */
export function testVendorClients(
  db: Database,
  clock: ManualClock,
  apps: { hubspot?: HubSpotApp; intuit?: IntuitApp & { apiBaseUrl: string } },
) {
  const sleep = async (ms: number) => clock.advance(ms);
  const budget = new RateBudget({ store: rateBudgetStore(db), clock, sleep });
  return createVendorClients({ db, secrets: testSecrets, clock, sleep, budget, ...apps });
}

/** Routes fetch calls to an in-process handler (an emulator's or a fake vendor's `fetch`). */
export function fetchVia(handler: (req: Request) => Response | Promise<Response>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(input, init))) as typeof fetch;
}
