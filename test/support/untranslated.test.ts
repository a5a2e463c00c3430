import { describe, expect, it } from "vitest";
import { untranslated } from "./untranslated.ts";

/** The untranslated-string check must itself fail on what issue 20 found. */
describe("untranslated()", () => {
  const data = ["Craig's Design and Landscaping", "Globex – licence expansion"];

  it("finds English sentences, lone English words and English labels", () => {
    const [sentence, ...rest] = untranslated("<td>Read 2 earlier payment(s): 2 recorded</td>", data);
    expect(sentence).toMatch(/^Read\s+earlier payment/);
    expect(rest).toEqual([]);
    expect(untranslated("<td>connection 20000001</td><td>timer</td>", data)).toEqual(["connection", "timer"]);
    expect(untranslated('<nav aria-label="main"></nav>', data)).toEqual(["[label] main"]);
    expect(untranslated('<input placeholder="Search invoices">', data)).toEqual(["[label] Search invoices"]);
  });

  it("lets Japanese, data, brand names, codes and numbers through", () => {
    const html = `<p>Craig's Design and Landscaping の請求書 1037（$7,188.00）を HubSpot と QuickBooks Online に同期しました</p>
      <td>Globex – licence expansion</td><td>owner@stack.example</td><td>https://x.test/a</td>
      <td><code>ledgerlink worker</code></td><td>qbo_invoice_number</td><td>CustomerRef.value</td>`;
    expect(untranslated(html, data)).toEqual([]);
  });
});
