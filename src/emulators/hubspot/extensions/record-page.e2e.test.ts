import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser } from "../../../../test/support/browser.ts";
import { listen, type RunningServer } from "../../kit/index.ts";
import { cardsExtension } from "./cards.ts";
import { TEST_HAPIKEY, createTestCore } from "./test-core.ts";

const PORTAL = 62515;

/** The integration's card: one invoice with an IFRAME "Edit" action whose page can close the modal. */
function integration(base: () => string) {
  return (req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === "/card")
      return Response.json({
        results: [
          {
            objectId: 245,
            title: "INV-1003",
            properties: [{ label: "Balance", dataType: "CURRENCY", value: "250", currencyCode: "USD" }],
            actions: [{ type: "IFRAME", width: 700, height: 420, uri: `${base()}/edit/245`, label: "Edit" }],
          },
        ],
      });
    if (path === "/edit/245")
      return new Response(
        `<!doctype html><h1>Edit invoice 245</h1>
         <button onclick='parent.postMessage(JSON.stringify({action:"DONE"}),"*")'>Done</button>`,
        { headers: { "content-type": "text/html" } },
      );
    return new Response("not found", { status: 404 });
  };
}

describe.skipIf(!chromiumAvailable())("record page in a browser (X-HS)", () => {
  let browser: Browser;
  let cardApp: RunningServer;
  let emulator: RunningServer;
  let dealId = "";

  beforeAll(async () => {
    const core = createTestCore();
    core.addPortal(PORTAL);
    dealId = core.createRecord(PORTAL, "deals", { dealname: "ACME annual licence" }).id;
    const ext = cardsExtension(core);
    cardApp = await listen(
      integration(() => cardApp.url),
      0,
    );
    emulator = await listen((req) => ext.routes.fetch(req), 0);
    const created = await ext.routes.request(`/crm/v3/extensions/cards-dev/1?hapikey=${TEST_HAPIKEY}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: "QuickBooks invoices",
        fetch: { targetUrl: `${cardApp.url}/card`, objectTypes: [{ name: "deals", propertiesToSend: [] }] },
        actions: { baseUrls: [cardApp.url] },
      }),
    });
    expect(created.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    await cardApp?.close();
  });

  it("shows the card's results and opens an IFRAME action in a modal, which the iframe can close", async () => {
    const page = await browser.newPage();
    await page.goto(`${emulator.url}/contacts/${PORTAL}/record/0-3/${dealId}`);
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("ACME annual licence");
    const card = page.locator("article.card");
    expect(await card.locator("h4").textContent()).toBe("INV-1003");
    expect(await card.textContent()).toContain("$250.00");

    await card.getByRole("button", { name: "Edit" }).click();
    const modal = page.locator("#iframe-modal");
    await modal.waitFor({ state: "visible" });
    const iframe = modal.locator("iframe");
    expect(await iframe.getAttribute("src")).toBe(`${cardApp.url}/edit/245`);
    expect(await iframe.getAttribute("width")).toBe("700");
    const frame = page.frameLocator("#iframe-modal iframe");
    await frame.getByRole("heading", { name: "Edit invoice 245" }).waitFor();

    await frame.getByRole("button", { name: "Done" }).click();
    await modal.waitFor({ state: "hidden" });
    await page.close();
  });
});
