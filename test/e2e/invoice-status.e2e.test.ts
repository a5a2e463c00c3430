import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import {
  dealNamed,
  dealProperty,
  follow,
  letTheWorkerRun,
  openRecord,
  qboInvoice,
  recordPayment,
  useStory,
} from "./support/invoice-story.ts";

/**
 * The invoice status story (S1, S3, S5): payments recorded in QuickBooks and a due date passing reach
 * the deal's record page with nobody opening Ledgerlink — QBO's webhooks, the worker, the timer.
 */
describe.skipIf(!chromiumAvailable())("invoice statuses reach the deal by themselves (S1, S3, S5)", () => {
  const story = useStory();

  it("moves through partially paid, paid and (for a newer invoice whose due date passes) overdue", async () => {
    const { stack, clock } = story();
    const realm = stack.companies.us.realmId;
    const dealId = await dealNamed(stack, "Initech – consulting");
    const first = await qboInvoice(stack, realm, {
      amount: 600,
      txnDate: "2026-11-01",
      dueDate: "2026-12-01",
    });
    await follow(story(), first, dealId);
    const page = await openRecord(story(), dealId);
    expect(await dealProperty(page, "qbo_invoice_status")).toBe("awaiting_send");
    await expect
      .poll(() => page.locator("article.card h4").allTextContents())
      .toContain(String(first.DocNumber));

    clock.advance(60_000);
    await recordPayment(stack, realm, first, 200);
    await letTheWorkerRun(stack);
    expect(await dealProperty(page, "qbo_invoice_status")).toBe("partially_paid");

    clock.advance(60_000);
    await recordPayment(stack, realm, first, 400);
    await letTheWorkerRun(stack);
    expect(await dealProperty(page, "qbo_invoice_status")).toBe("paid");

    // Another invoice on the deal, made later in QBO (so it is the most recently updated, S3).
    clock.advance(60_000);
    const second = await qboInvoice(stack, realm, {
      amount: 150,
      txnDate: "2026-11-02",
      dueDate: "2026-11-05",
    });
    await follow(story(), second, dealId);
    expect(await dealProperty(page, "qbo_invoice_status")).toBe("awaiting_send");
    expect(await dealProperty(page, "qbo_invoice_number")).toBe(String(second.DocNumber));

    clock.set(new Date("2026-11-06T09:00:00Z")); // the 6th in the company's time zone
    // The hourly timer fires (pg-boss cron); the test enqueues what the schedule would.
    await story()
      .db.db.transaction()
      .execute((trx) => stack.queue.enqueueByName(trx, "overdue-pass", {}));
    await letTheWorkerRun(stack);
    expect(await dealProperty(page, "qbo_invoice_status")).toBe("overdue");
  });
});
