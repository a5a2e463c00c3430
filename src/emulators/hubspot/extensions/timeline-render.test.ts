import { describe, expect, it } from "vitest";
import { renderTemplate } from "./timeline-render.ts";
import { TimelineStore, type TimelineEvent } from "./timeline-store.ts";

const event = (tokens: Record<string, string>, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: "e1",
  appId: 1,
  portalId: 7,
  eventTemplateId: "1001001",
  objectType: "deals",
  objectId: "42",
  tokens,
  timestamp: "2026-03-02T10:00:00.000Z",
  createdAt: "2026-03-02T10:00:00.000Z",
  ...extra,
});

describe("timeline template rendering (Handlebars tokens, then Markdown)", () => {
  it("fills tokens, extraData and formatDate, then renders headings, bold and links", () => {
    const html = renderTemplate(
      "# Invoice {{number}}\n\n**{{extraData.who}}** paid [open]({{url}}) on {{#formatDate timestamp}}{{/formatDate}}",
      event({ number: "1007", url: "https://example.com/i/7" }, { extraData: { who: "Ada" } }),
    );
    expect(html).toBe(
      '<h1>Invoice 1007</h1><p><strong>Ada</strong> paid <a href="https://example.com/i/7" target="_blank" rel="noopener">open</a> on Mar 2, 2026, 10:00:00 AM</p>',
    );
  });

  it("never lets a token's value become markup, and drops links that are not http(s) or mailto", () => {
    const html = renderTemplate(
      "{{name}} [x]({{url}})",
      event({ name: '<img src=x onerror="a()">', url: "javascript:alert(1)" }),
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
    expect(html).not.toContain("javascript:");
  });

  it("keeps templates and events across a restart, and refuses a second event with the same id on a template", () => {
    const store = new TimelineStore();
    expect(store.addEvent(event({}))).toBe(true);
    expect(store.addEvent(event({ other: "1" }))).toBe(false);
    const copy = new TimelineStore();
    copy.restore(JSON.parse(JSON.stringify(store.toJSON())));
    expect(copy.eventsOn(7, "deals", "42").map((e) => e.id)).toEqual(["e1"]);
    expect(copy.addEvent(event({}))).toBe(false);
  });
});
