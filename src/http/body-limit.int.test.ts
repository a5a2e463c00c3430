import { expect, it } from "vitest";
import { describeEachBackend } from "../../test/support/db.ts";
import { testApp } from "../../test/support/app.ts";
import { ManualClock } from "../lib/clock.ts";
import { MAX_VENDOR_BODY_BYTES } from "./middleware/body-limit.ts";
import { PATHS } from "./paths.ts";

const CHUNK = 64 * 1024;

/** A chunked (no Content-Length) body of 64 MiB on offer, counting the chunks the app pulled. */
function hugeStream() {
  const seen = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === 1024) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(CHUNK).fill(91));
    },
  });
  return { body, seen };
}

const VENDOR_ROUTES = [
  PATHS.hubspotWebhooks,
  PATHS.qboWebhooks,
  PATHS.hubspotCard,
  PATHS.workflowCreateInvoice,
  PATHS.workflowCreateInvoiceCompanies,
  PATHS.hubspotOAuthCallback,
  PATHS.qboOAuthCallback,
  PATHS.intuitLaunch,
  PATHS.intuitDisconnect,
];

describeEachBackend("vendor request bodies", (db) => {
  it.each(VENDOR_ROUTES)(
    "%s answers a streamed body over 1 MiB with 413, reading no more of it",
    async (path) => {
      const app = testApp(db(), new ManualClock("2026-07-01T12:00:00Z"));
      const { body, seen } = hugeStream();
      const res = await app.request(path, { method: "POST", body, duplex: "half" } as RequestInit);
      expect(res.status).toBe(413);
      expect(seen.pulled * CHUNK).toBeLessThan(MAX_VENDOR_BODY_BYTES + 4 * CHUNK);
      // The same route with a small body reaches its handler (which refuses it for its own reasons).
      const small = await app.request(path, { method: "POST", body: "[]" });
      expect(small.status).not.toBe(413);
    },
  );

  it("answers a declared Content-Length over 1 MiB with 413", async () => {
    const app = testApp(db());
    const res = await app.request(PATHS.hubspotWebhooks, {
      method: "POST",
      body: "x".repeat(MAX_VENDOR_BODY_BYTES + 1),
      headers: { "content-length": String(MAX_VENDOR_BODY_BYTES + 1) },
    });
    expect(res.status).toBe(413);
  });
});
