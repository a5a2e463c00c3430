import { describe, expect, it } from "vitest";
import { benchHubSpotContacts } from "./bench.ts";

describe("benchHubSpotContacts (X-HS)", () => {
  // Correctness only (a small n): the timing is for `npm run bench`, not for a test.
  it("creates n contacts by upsert and reads every one back through paging", async () => {
    const result = await benchHubSpotContacts(250);
    expect(result).toMatchObject({ created: 250, read: 250 });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });
});
