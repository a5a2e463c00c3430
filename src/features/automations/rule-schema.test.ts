import { describe, expect, it } from "vitest";
import { parseRuleForm } from "./rule-schema.ts";

const ctx = { companies: ["conn-us"], smtp: true };
const base = { name: "Chase overdue", enabled: "on", event: "overdue" };
const email = {
  ...base,
  action: "email",
  emailTo: "customer",
  emailSubject: "Invoice {{number}}",
  emailBody: "Hello {{customer}}",
};

describe("automation rule form (W3)", () => {
  it("accepts each action with its settings and filters", () => {
    expect(
      parseRuleForm({ ...email, connectionId: "conn-us", amountMin: "10", amountMax: "2500.50" }, ctx),
    ).toEqual({
      ok: true,
      value: {
        name: "Chase overdue",
        enabled: true,
        event: "overdue",
        connectionId: "conn-us",
        pipelineId: null,
        amountMin: "10",
        amountMax: "2500.50",
        settings: {
          action: "email",
          to: "customer",
          address: null,
          subject: "Invoice {{number}}",
          body: "Hello {{customer}}",
        },
      },
    });
    const slack = parseRuleForm(
      {
        ...base,
        enabled: "",
        action: "slack",
        slackUrl: "https://hooks.slack.com/services/T/B/x",
        slackText: "{{number}} paid",
        pipelineId: "default",
      },
      ctx,
    );
    expect(slack.ok && slack.value).toMatchObject({
      enabled: false,
      pipelineId: "default",
      settings: { action: "slack", url: "https://hooks.slack.com/services/T/B/x" },
    });
    const hook = parseRuleForm({ ...base, action: "webhook", webhookUrl: "http://127.0.0.1:8080/in" }, ctx);
    expect(hook.ok && hook.value.settings).toEqual({ action: "webhook", url: "http://127.0.0.1:8080/in" });
    const fixed = parseRuleForm({ ...email, emailTo: "fixed", emailAddress: "ar@example.com" }, ctx);
    expect(fixed.ok && fixed.value.settings).toMatchObject({ to: "fixed", address: "ar@example.com" });
  });

  it.each([
    [{ ...email, name: "" }, "name", "automations.bad.required"],
    [{ ...email, enabled: "yes" }, "enabled", "automations.bad.choice"],
    [{ ...email, event: "deleted" }, "event", "automations.bad.event"],
    [{ ...email, action: "fax" }, "action", "automations.bad.action"],
    [{ ...email, amountMin: "-5" }, "amountMin", "automations.bad.amount"],
    [{ ...email, amountMax: "12.345" }, "amountMax", "automations.bad.amount"],
    [{ ...email, amountMin: "500", amountMax: "100" }, "amountMax", "automations.bad.range"],
    [{ ...email, connectionId: "conn-elsewhere" }, "connectionId", "automations.bad.company"],
    [{ ...email, pipelineId: "a b" }, "pipelineId", "automations.bad.pipeline"],
    [{ ...email, emailTo: "fixed", emailAddress: "not-an-address" }, "emailAddress", "automations.bad.email"],
    [{ ...email, emailSubject: "" }, "emailSubject", "automations.bad.required"],
    [{ ...email, emailSubject: "a\nBcc: x@example.com" }, "emailSubject", "automations.bad.subject"],
    [{ ...email, emailBody: "Hi {{custmer}}" }, "emailBody", "automations.bad.placeholder"],
    [
      { ...base, action: "slack", slackUrl: "ftp://hooks.example/x", slackText: "x" },
      "slackUrl",
      "automations.bad.url",
    ],
    [
      { ...base, action: "slack", slackUrl: "hooks.slack.com/x", slackText: "x" },
      "slackUrl",
      "automations.bad.url",
    ],
    [
      { ...base, action: "slack", slackUrl: "https://hooks.example/x", slackText: "" },
      "slackText",
      "automations.bad.required",
    ],
    [
      { ...base, action: "webhook", webhookUrl: "https://user:pw@example.com/in" },
      "webhookUrl",
      "automations.bad.url",
    ],
    [{ ...base, action: "webhook", webhookUrl: "" }, "webhookUrl", "automations.bad.url"],
  ])("refuses %o: %s", (form, field, reason) => {
    const result = parseRuleForm(form, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ field, reason });
  });

  it("refuses e-mail actions when the server has no SMTP settings, and says so", () => {
    expect(parseRuleForm(email, { ...ctx, smtp: false })).toEqual({
      ok: false,
      error: { field: "action", reason: "automations.bad.noSmtp" },
    });
  });

  it("checks the pipeline against HubSpot's list when there is one", () => {
    const withList = { ...ctx, pipelines: ["default", "123"] };
    expect(parseRuleForm({ ...email, pipelineId: "123" }, withList).ok).toBe(true);
    expect(parseRuleForm({ ...email, pipelineId: "999" }, withList)).toEqual({
      ok: false,
      error: { field: "pipelineId", reason: "automations.bad.pipelineUnknown" },
    });
    expect(parseRuleForm({ ...email, pipelineId: "999" }, ctx).ok).toBe(true); // no list: checked at delivery
  });

  it("names the unknown placeholders", () => {
    const result = parseRuleForm({ ...email, emailSubject: "{{nmber}} {{total}} {{number}}" }, ctx);
    expect(!result.ok && result.error.detail).toBe("nmber, total");
  });
});
