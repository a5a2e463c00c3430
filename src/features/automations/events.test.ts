import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookSignature } from "../../connectors/outbound.ts";
import { eventsOf } from "./events.ts";
import { renderTemplate, unknownFields } from "./template.ts";

describe("automation events, templates and signatures (W3)", () => {
  it.each([
    [undefined, "paid", ["created"]],
    [undefined, "awaiting_send", ["created"]],
    ["awaiting_send", "sent", ["sent"]],
    ["sent", "partially_paid", ["partially_paid"]],
    ["partially_paid", "paid", ["paid"]],
    ["sent", "overdue", ["overdue"]],
    ["overdue", "overdue", []],
    ["paid", "awaiting_send", []],
    ["sent", "voided", []],
  ] as const)("%s → %s fires %o", (from, to, events) => {
    expect(eventsOf(from, to)).toEqual(events);
  });

  it("fills known placeholders and leaves others visible", () => {
    const values = {
      number: "1037",
      customer: "Amy",
      amount: "10.00",
      balance: "5.00",
      currency: "USD",
      invoiceDate: "2026-11-01",
      dueDate: "2026-12-01",
      status: "sent",
      company: "Craig's",
      event: "sent",
    };
    expect(renderTemplate("#{{number}} {{ customer }} {{balance}}/{{amount}} {{x}}", values)).toBe(
      "#1037 Amy 5.00/10.00 {{x}}",
    );
    expect(unknownFields("{{number}} {{x}} {{dueDate}} {{ y }}")).toEqual(["x", "y"]);
  });

  it("signs timestamp.body with HMAC-SHA256 of the rule's secret", () => {
    const body = '{"event":"paid"}';
    const expected = createHmac("sha256", "s3cret").update(`1700000000.${body}`).digest("hex");
    expect(webhookSignature("s3cret", 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
    expect(webhookSignature("other", 1700000000, body)).not.toBe(`t=1700000000,v1=${expected}`);
  });
});
