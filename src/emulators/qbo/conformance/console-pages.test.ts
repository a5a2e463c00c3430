import { beforeAll, describe, expect, it } from "vitest";
import { consoleEn } from "../console/i18n.en.ts";
import { startConsoleHarness, type ConsoleHarness } from "./console-harness.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** What a reader sees of a page: its text and the labels read aloud, not markup or CSS. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, " ")
    .replace(/aria-label="([^"]*)"/g, "> $1 <")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The English words we own, minus their {placeholders}, that a Japanese page must not show. */
const ENGLISH = Object.entries(consoleEn)
  .filter(([key]) => key !== "lang.other")
  .flatMap(([, en]) => en.split(/\{\w+\}/))
  .map((part) => part.trim())
  .filter((part) => /[a-z]{3}/i.test(part));

/** Issue 19: the console's pages, in English and Japanese, beside the emulator's public routes. */
describe("the QBO console's pages", () => {
  let h: ConsoleHarness;
  let paths: string[];

  beforeAll(async () => {
    h = await startConsoleHarness();
    const [income] = await h.query("SELECT * FROM Account WHERE AccountType = 'Income'");
    const make = async (entity: string, body: Json) =>
      (await h.api("POST", `/${entity.toLowerCase()}`, body)).body[entity] as Json;
    const customer = await make("Customer", {
      DisplayName: "Globex",
      PrimaryEmailAddr: { Address: "ap@globex.example" },
    });
    const item = await make("Item", {
      Name: "Widget",
      Type: "Service",
      UnitPrice: 40,
      IncomeAccountRef: { value: income!.Id },
    });
    const line = {
      DetailType: "SalesItemLineDetail",
      Amount: 80,
      SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2 },
    };
    const estimate = await make("Estimate", { CustomerRef: { value: customer.Id }, Line: [line] });
    const invoice = await make("Invoice", {
      CustomerRef: { value: customer.Id },
      Line: [line],
      LinkedTxn: [{ TxnId: estimate.Id, TxnType: "Estimate" }],
      DueDate: "2026-05-01",
    });
    const payment = await make("Payment", {
      CustomerRef: { value: customer.Id },
      TotalAmt: 30,
      Line: [{ Amount: 30, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
    });
    const c = `/companies/${h.realm}`;
    paths = [
      "/",
      ...["invoices", "customers", "items", "payments", "estimates", "settings"].map((tab) => `${c}/${tab}`),
      `${c}/invoices/${invoice.Id}`,
      `${c}/customers/${customer.Id}`,
      `${c}/items/${item.Id}`,
      `${c}/payments/${payment.Id}`,
      `${c}/estimates/${estimate.Id}`,
      `${c}/invoices/new`,
      `${c}/payments/new`,
      `${c}/payments/new?customer=${customer.Id}&invoice=${invoice.Id}`,
    ];
  });

  it("shows each page in Japanese, with no English words of ours and a switch to English", async () => {
    for (const path of paths) {
      const { status, html } = await h.page(path, { headers: { "accept-language": "ja,en;q=0.8" } });
      expect(status, path).toBe(200);
      expect(html, path).toContain('<html lang="ja">');
      expect(html, path).toMatch(/<a class="lang" href="[^"]*lang=en"[^>]*>English<\/a>/);
      const text = visibleText(html);
      expect(
        ENGLISH.filter((en) => text.includes(en)),
        path,
      ).toEqual([]);
    }
  });

  it("shows each page in English, with no Japanese but the switch to it", async () => {
    for (const path of paths) {
      const { html } = await h.page(`${path}${path.includes("?") ? "&" : "?"}lang=en`, {
        headers: { "accept-language": "ja" },
      });
      expect(html, path).toContain('<html lang="en">');
      expect(html, path).toMatch(/<a class="lang" href="[^"]*lang=ja"[^>]*>日本語<\/a>/);
      expect(visibleText(html).replace("日本語", ""), path).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it("shows an invoice's number, customer, total, balance, due date, email status and status", async () => {
    const { html } = await h.page(`/companies/${h.realm}/invoices?lang=en`);
    const text = visibleText(html).replace(/\s+/g, " ");
    expect(text).toContain("1001 Globex 2026-05-04 2026-05-01 $80.00 $50.00 Not sent Overdue");
    const ja = visibleText((await h.page(`/companies/${h.realm}/invoices?lang=ja`)).html).replace(
      /\s+/g,
      " ",
    );
    expect(ja).toContain("未送信 期限超過");
  });

  it("offers more invoice lines without losing what was typed (a GET of the form, no script)", async () => {
    const customer = (await h.query("SELECT * FROM Customer"))[0]!;
    const { html } = await h.page(
      `/companies/${h.realm}/invoices/new?lines=6&customer=${customer.Id}&qty_1=2&lang=en`,
    );
    expect(html.match(/name="item_\d+"/g)).toHaveLength(6);
    expect(html).toContain(`<option value="${String(customer.Id)}" selected`);
    expect(html).toContain('name="qty_1" inputmode="decimal" value="2"');
    expect(html).toMatch(/formmethod="get"[^>]*name="lines" value="9"/);
  });

  it("lists the companies with links to each, and answers an unknown one with a page", async () => {
    const { html } = await h.page("/?lang=en");
    expect(html).toContain(`href="/companies/${h.realm}/invoices?lang=en">Console Co</a>`);
    expect(visibleText(html)).toContain("1 invoice");
    const unknown = await h.page("/companies/123/invoices?lang=en");
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain("There is no company with realm ID 123.");
  });

  it("leaves the API, OAuth and control routes as they were", async () => {
    const api = await h.page(`/v3/company/${h.realm}/invoice/1`);
    expect(api.status).toBe(401);
    expect(JSON.parse(api.html).fault.type).toBe("AUTHENTICATION");
    const control = await h.page("/__emulator/companies");
    expect(JSON.parse(control.html).companies[0].realmId).toBe(h.realm);
    const consent = await h.page("/connect/oauth2?client_id=nobody");
    expect(consent.html).toContain("<html");
    const unknown = await h.page("/nothing/here");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.html).Fault.Error[0].Message).toBe("Unsupported Operation");
  });
});
