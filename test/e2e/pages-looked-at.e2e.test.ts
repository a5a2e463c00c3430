import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, chromiumAvailable, launchBrowser, type AxeFinding } from "../support/browser.ts";
import { openTestDatabase } from "../support/db.ts";
import { screenshotAt, WIDTHS } from "../support/screenshots.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { wizardDriver } from "../support/wizard-driver.ts";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import type { Browser } from "playwright-core";

type Lang = "en" | "ja";
const LANGS: Lang[] = ["en", "ja"];

/**
 * Issue 20, item 5: every page looked at, not only asserted. Each of Ledgerlink's pages, the card
 * on the HubSpot emulator's deal page, each wizard step, and the emulators' consoles' main pages,
 * in English and Japanese: a screenshot at 900 px (HubSpot's iframe modal) and at 1,400 px into
 * `screenshots/pages/`, and axe-core with no serious or critical violation.
 */
describe.skipIf(!chromiumAvailable())("every page, looked at in both languages (issue 20)", () => {
  let db: DatabaseHandle;
  let stack: Stack;
  let browser: Browser;
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  const deals: Record<string, string> = {};
  let dealId = "";
  const found: Record<string, AxeFinding[]> = {};

  beforeAll(async () => {
    db = await openTestDatabase({ kind: "pglite" });
    stack = await startStack(db, clock, { live: true });
    browser = await launchBrowser();
    const list = await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname");
    for (const d of list.body.results as Array<{ id: string; properties: { dealname: string } }>)
      deals[d.properties.dealname] = d.id;
    dealId = Object.values(deals)[0]!;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoices = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
    await stack.follow("uk", invoices, [{ objectType: "deals", objectId: dealId }]);
    await stack.drain();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await db?.close();
  });

  /** A signed-in Ledgerlink user's browser in one language. */
  async function signedIn(lang: Lang): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: lang === "ja" ? "ja-JP" : "en-US", bypassCSP: true });
    const url = stack.urls.ledgerlink;
    const cookies = stack.user.cookie.split("; ").map((pair) => {
      const [name, value] = pair.split("=") as [string, string];
      return { name, value, url };
    });
    await context.addCookies([...cookies, { name: "ll_lang", value: lang, url }]);
    return context;
  }

  /** Screenshots at both widths, then axe at the wider one; findings are gathered, not thrown. */
  async function lookAt(page: Page, name: string) {
    for (const width of WIDTHS) await screenshotAt(page, `pages/${name}`, width);
    const violations = await axeViolations(page);
    if (violations.length) found[name] = violations;
  }

  const us = () => stack.companies.us.connectionId;
  const PAGES = () => ({
    overview: "/",
    connections: "/connections",
    invoices: "/invoices",
    automations: "/automations",
    "automations-new": "/automations/new",
    "sync-contacts": `/sync?company=${us()}&tab=contacts`,
    "sync-products": `/sync?company=${us()}&tab=products`,
    "sync-invoices": `/sync?company=${us()}&tab=invoices`,
    "sync-behaviour": `/sync/${us()}/behaviour`,
    "mappings-contacts": `/mappings?company=${us()}&object=contact`,
    "mappings-invoices": `/mappings?company=${us()}&object=invoice`,
    reports: "/reports",
    activity: "/activity",
  });

  it.each(LANGS)("Ledgerlink's pages in %s", async (lang) => {
    const context = await signedIn(lang);
    const page = await context.newPage();
    for (const [name, path] of Object.entries(PAGES())) {
      await page.goto(`${stack.urls.ledgerlink}${path}`);
      expect(await page.locator("html").getAttribute("lang"), name).toBe(lang);
      await lookAt(page, `${lang}/${name}`);
    }
    await context.close();
    const signin = await (
      await browser.newContext({ locale: lang === "ja" ? "ja-JP" : "en-US", bypassCSP: true })
    ).newPage();
    await signin.goto(`${stack.urls.ledgerlink}/signin?lang=${lang}`);
    await lookAt(signin, `${lang}/signin`);
    await signin.context().close();
  });

  it.each(LANGS)("each wizard step and Add existing invoice, in %s", async (lang) => {
    const { wizard, goesTo } = wizardDriver(
      () => stack,
      () => db,
      deals,
    );
    const w = wizard(Object.keys(deals)[lang === "en" ? 1 : 2]!, stack.user.hubspotUserId, lang);
    await w.open();
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    const show = async (step: string, extra: Record<string, string> = {}) => {
      const query = new URLSearchParams({ t: w.token, draft: w.draftId(), ...extra }).toString();
      await page.goto(`${stack.urls.ledgerlink}/embed/invoices/new/${step}?${query}`);
      await lookAt(page, `${lang}/wizard-${step}${extra.showTax ? "-tax" : ""}`);
    };
    await show("company");
    goesTo(await w.post("company", { connectionId: us(), action: "next" }), "source");
    await show("source");
    goesTo(await w.post("source", { source: "scratch", action: "next" }), "customer");
    await show("customer");
    goesTo(
      await w.post("customer", { kind: "new", action: "next", new_displayName: `Buyer ${w.dealId}` }),
      "products",
    );
    const item = /name="add_item"[^>]*>\s*<option value="(\d+)"/.exec(await w.page("products"))![1]!;
    goesTo(
      await w.post("products", { add_item: item, add_qty: "2", add_price: "10", action: "add" }),
      "products",
    );
    await show("products");
    await show("products", { showTax: "1" });
    goesTo(await w.post("products", { action: "next" }), "details");
    await show("details");
    const fields: Record<string, string> = { action: "next" };
    for (const m of (await w.page("details")).matchAll(/<input[^>]*name="(\w+)"[^>]*value="([^"]*)"/g))
      fields[m[1]!] ??= m[2]!;
    goesTo(await w.post("details", fields), "review");
    await show("review");
    await w.post("review", { action: "next" });
    await stack.drain();
    await page.goto(
      `${stack.urls.ledgerlink}/embed/invoices/new?t=${encodeURIComponent(w.token)}&draft=${w.draftId()}`,
    );
    await lookAt(page, `${lang}/wizard-created`);
    const token = stack.embedToken("deals", dealId, { locale: lang });
    await page.goto(`${stack.urls.ledgerlink}/embed/invoices/add?t=${encodeURIComponent(token)}`);
    await lookAt(page, `${lang}/add-existing`);
    await page.context().close();
  });

  it.each(LANGS)("the card on the deal's page, and the emulators' consoles, in %s", async (lang) => {
    const page = await (
      await browser.newContext({ locale: lang === "ja" ? "ja-JP" : "en-US", bypassCSP: true })
    ).newPage();
    await page.goto(
      `${stack.urls.hubspot}/contacts/${stack.hubspotPortalId}/record/0-3/${dealId}?lang=${lang}`,
    );
    if (lang === "ja") {
      // The card speaks its HubSpot user's language (ADR 0023): a Japanese user is looking.
      await page.selectOption(".user-switcher select[name=userId]", { label: "Aiko Tanaka (日本語)" });
      await Promise.all([page.waitForURL(/\/record\/0-3\//), page.click(".user-switcher button")]);
    }
    await page.locator("article.card").first().waitFor();
    await lookAt(page, `${lang}/hubspot-deal-with-card`);
    await page.goto(`${stack.urls.hubspot}/?lang=${lang}`);
    await lookAt(page, `${lang}/hubspot-console`);
    await page.goto(`${stack.urls.qbo}/?lang=${lang}`);
    await lookAt(page, `${lang}/qbo-console`);
    await page.context().close();
  });

  it("has a check that fails on what it is meant to find", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.setContent('<html><body><main><img src="x.png"><input type="text"></main></body></html>');
    const ids = (await axeViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(expect.arrayContaining(["html-has-lang", "image-alt", "label"]));
    await page.context().close();
  });

  it("found no serious or critical accessibility violation on any of them", () => {
    expect(found).toEqual({});
  });
});
