import type { Frame } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import {
  dealNamed,
  dealProperty,
  openCardAction,
  openRecord,
  useStory,
  type Story,
} from "./support/invoice-story.ts";

/** Clicks a submit button in the iframe and waits for the page it leads to. */
async function submit(frame: Frame, selector: string, next: RegExp) {
  await Promise.all([frame.waitForURL(next), frame.click(selector)]);
}

/** "Create invoice" has queued the job: the worker runs it, the page refreshes itself to the result. */
async function letItBeCreated(story: Story, frame: Frame, text: string) {
  await story.stack.drain();
  await frame.waitForSelector(`text=${text}`, { timeout: 10_000 });
}

async function qboInvoices(story: Story, realmId: string) {
  const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY MetaData.CreateTime DESC");
  return (await story.stack.qboApi(realmId, "GET", `/query?query=${q}`)).body.QueryResponse.Invoice as Array<
    Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  >;
}

/**
 * Issue 6's stories (a)–(d) and (f) in Chromium, through the HubSpot emulator's deal record page:
 * the card, its iframe actions, Ledgerlink's pages inside, and what lands in QuickBooks and HubSpot.
 */
describe.skipIf(!chromiumAvailable())("invoices from deals, in the browser (I1–I10, E1–E2, S2–S3)", () => {
  const story = useStory();

  it("(a) creates a US invoice from a published quote, unsent, and sets the five deal properties", async () => {
    const { stack } = story();
    const dealId = await dealNamed(stack, "Acme – annual licence renewal");
    const page = await openRecord(story(), dealId);
    const frame = await openCardAction(page, "Create invoice");
    await frame.selectOption("select[name=connectionId]", stack.companies.us.connectionId);
    await submit(frame, "button[value=next]", /\/source/);
    await frame.check("input[name=source][value^='quote:']:not([disabled])");
    await submit(frame, "button[value=next]", /\/customer/);
    await frame.check("#kind-new");
    await submit(frame, "button[value=next]", /\/products/);
    expect(await frame.locator("tr[data-unmapped]").count()).toBe(0);
    await submit(frame, "button[value=next]", /\/details/);
    await frame.selectOption("select[name=termId]", { label: "Net 30" });
    await submit(frame, "button[value=next]", /\/review/);
    await submit(frame, "button[value=next]", /\/embed\/invoices\/new\?/);
    await letItBeCreated(story(), frame, "awaiting send");

    const [invoice] = await qboInvoices(story(), stack.companies.us.realmId);
    expect(invoice!.EmailStatus).toBe("NotSet");
    const lines = (
      invoice!.Line as Array<{
        DetailType: string;
        SalesItemLineDetail?: { ItemRef: { name: string }; Qty: number };
      }>
    )
      .filter((l) => l.DetailType === "SalesItemLineDetail")
      .map((l) => [l.SalesItemLineDetail!.ItemRef.name, l.SalesItemLineDetail!.Qty]);
    expect(lines).toEqual([
      ["Annual licence", 5],
      ["Support plan (monthly)", 12],
    ]);
    await frame.click("[data-hubspot-done]");
    await page.locator("#iframe-modal").waitFor({ state: "hidden" });
    expect(await dealProperty(page, "qbo_invoice_number")).toBe(String(invoice!.DocNumber));
    expect(await dealProperty(page, "qbo_invoice_status")).toBe("awaiting_send");
    expect(await dealProperty(page, "qbo_invoice_amount")).toBe(Number(invoice!.TotalAmt).toFixed(2));
    expect(await dealProperty(page, "qbo_invoice_due_date")).toBe(invoice!.DueDate);
    expect(await dealProperty(page, "qbo_invoice_recipient")).toBe(invoice!.CustomerRef.name);
    expect(await page.locator("article.card h4").allTextContents()).toContain(String(invoice!.DocNumber));
  });

  it("(b) refuses Next on a UK invoice until every line has a tax code, then creates it with the codes", async () => {
    const { stack } = story();
    const dealId = await dealNamed(stack, "Globex – training");
    const page = await openRecord(story(), dealId);
    const frame = await openCardAction(page, "Create invoice");
    await frame.selectOption("select[name=connectionId]", stack.companies.uk.connectionId);
    await submit(frame, "button[value=next]", /\/source/);
    await frame.check("input[name=source][value=scratch]");
    await submit(frame, "button[value=next]", /\/customer/);
    await submit(frame, "button[value=next]", /\/products/);
    const training = frame.locator("select[name=add_item] option", { hasText: "Training workshop" });
    await frame.selectOption("select[name=add_item]", (await training.getAttribute("value"))!);
    await frame.fill("input[name=add_qty]", "2");
    await submit(frame, "button[value=add]", /\/products/);
    await frame.click("button[value=next]");
    await frame.waitForSelector("[role=alert] >> text=tax code for every line");
    const tax = frame.locator("select[name^=tax_]");
    const first = await tax.locator("option").nth(1).getAttribute("value");
    await tax.selectOption(first!);
    await submit(frame, "button[value=next]", /\/details/);
    await submit(frame, "button[value=next]", /\/review/);
    await submit(frame, "button[value=next]", /\/embed\/invoices\/new\?/);
    await letItBeCreated(story(), frame, "awaiting send");
    const [invoice] = await qboInvoices(story(), stack.companies.uk.realmId);
    const line = (
      invoice!.Line as Array<{ SalesItemLineDetail?: { TaxCodeRef?: { value: string }; Qty: number } }>
    )[0]!;
    expect(line.SalesItemLineDetail).toMatchObject({ Qty: 2, TaxCodeRef: { value: first } });
  });

  it("(c) refuses with the explanation when custom transaction numbers are on", async () => {
    const { stack } = story();
    await stack.setCustomTxnNumbers("us", true);
    try {
      const page = await openRecord(story(), await dealNamed(stack, "Acme – onboarding"));
      const frame = await openCardAction(page, "Create invoice");
      await frame.selectOption("select[name=connectionId]", stack.companies.us.connectionId);
      await submit(frame, "button[value=next]", /\/source/);
      const alert = await frame.locator("[role=alert]").innerText();
      expect(alert).toContain("Custom transaction numbers are turned on");
      expect(alert).toContain("switch Custom transaction numbers off");
    } finally {
      await stack.setCustomTxnNumbers("us", false);
    }
  });

  it("(d) adds two existing invoices to a deal; the card lists both, the properties follow the latest", async () => {
    const { stack } = story();
    const dealId = await dealNamed(stack, "Globex – licence expansion");
    const page = await openRecord(story(), dealId);
    const frame = await openCardAction(page, "Add existing invoice");
    await frame.selectOption("select[name=company]", stack.companies.us.connectionId);
    await submit(frame, "button[type=submit]", /company=/);
    await submit(frame, "form.filters button[type=submit]", /search=1/);
    const boxes = frame.locator("input[name=invoice]");
    const picked = [await boxes.nth(0).getAttribute("value"), await boxes.nth(1).getAttribute("value")];
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await frame.click("text=Add >> nth=-1");
    await frame.waitForSelector("[data-hubspot-done]");
    await stack.drain();
    await frame.click("[data-hubspot-done]");
    await page.locator("#iframe-modal").waitFor({ state: "hidden" });

    const all = await qboInvoices(story(), stack.companies.us.realmId);
    const chosen = all.filter((i) => picked.includes(String(i.Id)));
    const latest = chosen.sort(
      (a, b) => Date.parse(b.MetaData.LastUpdatedTime) - Date.parse(a.MetaData.LastUpdatedTime),
    )[0]!;
    const titles = await page.locator("article.card h4").allTextContents();
    for (const i of chosen) expect(titles).toContain(String(i.DocNumber));
    expect(await dealProperty(page, "qbo_invoice_number")).toBe(String(latest.DocNumber));
  });

  it("(f) tells the whole story() in Japanese for a Japanese user", async () => {
    const { stack } = story();
    await story()
      .db.db.updateTable("users")
      .set({ locale: "ja" })
      .where("portalId", "=", stack.portalId)
      .execute();
    const dealId = await dealNamed(stack, "Initech – consulting");
    const page = await openRecord(story(), dealId, "ja");
    const frame = await openCardAction(page, "請求書を作成");
    expect(await frame.locator("h1").innerText()).toBe("請求書を作成");
    await frame.selectOption("select[name=connectionId]", stack.companies.us.connectionId);
    await submit(frame, "button[value=next]", /\/source/);
    expect(await frame.locator("body").innerText()).toContain("見積もりから作成");
    await frame.check("input[name=source][value=scratch]");
    await submit(frame, "button[value=next]", /\/customer/);
    await submit(frame, "button[value=next]", /\/products/);
    expect(await frame.locator("legend").first().innerText()).toBe("QuickBooks Onlineから製品を追加");
    await submit(frame, "button[value=add]", /\/products/);
    await submit(frame, "button[value=next]", /\/details/);
    expect(await frame.locator("body").innerText()).toContain("顧客へのメッセージを作成");
    await submit(frame, "button[value=next]", /\/review/);
    expect(await frame.locator("button[value=previous]").innerText()).toBe("前へ");
    await submit(frame, "button[value=next]", /\/embed\/invoices\/new\?/);
    await letItBeCreated(story(), frame, "送信待ち");
    expect(await frame.locator("h1").innerText()).toBe("請求書を作成しました");
  });
});
