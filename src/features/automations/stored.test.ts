import { describe, expect, it } from "vitest";
import { generateSecretKey, SecretBox } from "../../lib/crypto.ts";
import { maskUrl, openSlackUrl, slackUrlContext, secretContext } from "./stored.ts";

describe("maskUrl", () => {
  it("shows a Slack hook's workspace start and last 4 characters, never its token", () => {
    const url = "https://hooks.slack.com/services/T0001234/B0005678/XXXXyyyyZZZZabcd";
    expect(maskUrl(url)).toBe("https://hooks.slack.com/services/T000…/…abcd");
    expect(maskUrl(url)).not.toContain("XXXXyyyyZZZZ");
  });

  it.each([
    ["https://hooks.slack.com/services/T/B/c", "https://hooks.slack.com/services/…"],
    ["https://h.example/x", "https://h.example/…"],
    ["https://h.example/", "https://h.example/…"],
  ])("hides a short rest whole: %s", (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });
});

describe("sealed Slack URL", () => {
  it("opens only for its own rule, and not as the rule's webhook secret", () => {
    const box = new SecretBox(generateSecretKey());
    const sealedUrl = box.seal("https://hooks.slack.com/services/T/B/c", slackUrlContext("r1"));
    expect(openSlackUrl(box, "r1", { sealedUrl })).toBe("https://hooks.slack.com/services/T/B/c");
    expect(() => openSlackUrl(box, "r2", { sealedUrl })).toThrow();
    expect(() => box.open(sealedUrl, secretContext("r1"))).toThrow();
  });
});
