import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSecrets } from "../support/app.ts";
import { startReceiver } from "../support/automation-sinks.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import { jobHandlers } from "../../src/features/catalogue.ts";
import { dealNamed, follow, qboInvoice, recordPayment, useStory } from "./support/invoice-story.ts";

/**
 * W3 in Chromium: a user adds a rule on the Automations page (a refused URL first), a payment
 * recorded in QuickBooks reaches Ledgerlink by webhook, and the worker posts to "Slack" (a local
 * receiver); the page then shows the delivery, in English and Japanese.
 */
describe.skipIf(!chromiumAvailable())("invoice automations in the browser (W3)", () => {
  const story = useStory();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it("adds a rule through the form and shows its delivery after a payment in QuickBooks", async () => {
    const { stack, browser, clock, db } = story();
    const context = await browser.newContext({ locale: "en-US" });
    const [session, csrf] = stack.user.cookie.split("; ").map((c) => c.split("=")[1]!);
    await context.addCookies([
      { name: "ll_session", value: session!, url: stack.urls.ledgerlink },
      { name: "ll_csrf", value: csrf!, url: stack.urls.ledgerlink },
    ]);
    const page = await context.newPage();
    await page.goto(`${stack.urls.ledgerlink}/automations`);
    expect(await page.locator("main").textContent()).toContain("No rules yet.");
    await page.click("text=Add a rule");
    await page.fill("input[name=name]", "Paid to Slack");
    await page.selectOption("select[name=event]", "paid");
    await page.selectOption("select[name=pipelineId]", { label: "Sales Pipeline" }); // read from HubSpot
    await page.check("input[name=action][value=slack]");
    await page.fill("input[name=slackUrl]", "slack.example/hook");
    await page.fill("input[name=slackText]", "Invoice {{number}} paid by {{customer}}");
    await page.click("main button[type=submit]");
    expect(await page.locator("[role=alert]").textContent()).toContain(
      "Incoming webhook URL: enter a full http:// or https:// URL",
    );
    await page.fill("input[name=slackUrl]", `${receiver.url}/slack`);
    await page.click("main button[type=submit]");
    expect(await page.locator("[role=status]").textContent()).toBe("The rule was saved.");
    expect(await page.locator("tr[data-rule] td").first().textContent()).toBe("Paid to Slack");
    expect(await page.locator("tr[data-rule] td").nth(3).textContent()).toBe("pipeline default");

    const realm = stack.companies.us.realmId;
    const invoice = await qboInvoice(stack, realm, {
      amount: 600,
      txnDate: "2026-11-01",
      dueDate: "2026-12-01",
    });
    await follow(story(), invoice, await dealNamed(stack, "Initech – consulting"));
    clock.advance(60_000);
    await recordPayment(stack, realm, invoice, 600);
    // The worker, with outbound settings: QBO's webhook is delivered, the change pulled, the rule fired.
    const automations = { fetch, secrets: testSecrets };
    const handlers = jobHandlers({
      db: db.db,
      logger: silentLogger,
      clock,
      clients: stack.clients,
      queue: stack.queue,
      automations,
    });
    await stack.qboControl("/webhooks/flush", {});
    await stack.queue.drain(handlers);
    expect(receiver.at("/slack").map((r) => JSON.parse(r.body))).toEqual([
      {
        text: `Invoice ${String(invoice.DocNumber)} paid by ${String((invoice.CustomerRef as { name: string }).name)}`,
      },
    ]);

    await page.reload();
    expect(await page.locator("tr[data-firing=ok] td").nth(3).textContent()).toBe("Delivered");
    await page.click("a[lang=ja]");
    expect(await page.locator("tr[data-firing=ok] td").nth(3).textContent()).toBe("配信済み");
    await context.close();
  });
});
