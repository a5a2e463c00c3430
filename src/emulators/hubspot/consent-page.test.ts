import { describe, expect, it } from "vitest";
import { consentPage, pickLang } from "./consent-page.ts";

describe("consent page language (X-HS)", () => {
  it("is English by default and Japanese when asked by query or Accept-Language", () => {
    expect(pickLang(undefined, undefined)).toBe("en");
    expect(pickLang("ja", "en-US")).toBe("ja");
    expect(pickLang(undefined, "ja-JP,ja;q=0.9,en;q=0.8")).toBe("ja");
    expect(pickLang(undefined, "en;q=0.5,ja;q=0.9")).toBe("ja");
    expect(pickLang(undefined, "fr,en;q=0.8")).toBe("en");
  });

  it("escapes what it shows and carries the request in hidden fields", () => {
    const html = String(
      consentPage({
        lang: "en",
        appName: "<app>",
        portals: [20000001],
        scopes: ["oauth"],
        optionalScopes: [],
        hidden: { state: '"><script>' },
      }),
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;app&gt;");
    expect(html).toContain('name="state"');
  });
});
