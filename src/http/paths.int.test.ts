import { describe, expect, it } from "vitest";
import { testApp } from "../../test/support/app.ts";
import type { DatabaseHandle } from "../db/kysely.ts";
import { PATHS, PENDING_PATHS } from "./paths.ts";

describe("route paths named in the vendor consoles and hubspot-app/", () => {
  it("are all routes of the app (none pending since W2)", () => {
    // The route table is built without touching the database.
    const served = new Set(testApp({ db: {} } as unknown as DatabaseHandle).routes.map((r) => r.path));
    for (const path of Object.values(PATHS)) {
      expect(served.has(path) || PENDING_PATHS.has(path), `${path} is not a route`).toBe(true);
    }
    for (const path of PENDING_PATHS)
      expect(served.has(path), `${path} is served now: unlist it`).toBe(false);
  });
});
