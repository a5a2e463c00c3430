import { expect, it } from "vitest";
import { describeEachBackend } from "../../test/support/db.ts";
import { testApp } from "../../test/support/app.ts";
import { ensureInstalledAt } from "../db/instance.ts";
import { ManualClock } from "../lib/clock.ts";

describeEachBackend("web shell", (db) => {
  it("serves the home page with real installation facts", async () => {
    const clock = new ManualClock("2026-03-01T09:00:00Z");
    await ensureInstalledAt(db().db, clock);
    const res = await testApp(db(), clock).request("/", { headers: { "accept-language": "en" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Overview");
    expect(html).toContain("2026");
    expect(html).toMatch(/Up to date \(\d+ applied\)/);
  });

  it("answers in Japanese for a Japanese browser, and ?lang= overrides and is remembered", async () => {
    const app = testApp(db());
    const ja = await app.request("/", { headers: { "accept-language": "ja-JP,ja;q=0.9" } });
    expect(await ja.text()).toContain("概要");
    const en = await app.request("/?lang=en", { headers: { "accept-language": "ja" } });
    expect(await en.text()).toContain("Overview");
    const cookie = en.headers.get("set-cookie") ?? "";
    expect(cookie).toContain("ll_lang=en");
    const again = await app.request("/", { headers: { "accept-language": "ja", cookie: "ll_lang=en" } });
    expect(await again.text()).toContain("Overview");
  });

  it.each(["sync", "mappings", "reports"])("sends signed-out visitors of /%s to sign in", async (section) => {
    const res = await testApp(db()).request(`/${section}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/signin?next=%2F${section}`);
  });

  it("sends signed-out visitors from portal pages to Sign in with HubSpot, and back afterwards", async () => {
    const res = await testApp(db()).request("/connections");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/signin?next=%2Fconnections");
    const signin = await testApp(db()).request("/signin?next=/connections");
    expect(await signin.text()).toContain("HUBSPOT_CLIENT_ID"); // no HubSpot app configured in this test
  });

  it("never redirects sign-in to another site", async () => {
    const { safeNext } = await import("../features/connections/auth-routes.tsx");
    expect(safeNext("//evil.example")).toBe("/connections");
    expect(safeNext("https://evil.example")).toBe("/connections");
    expect(safeNext("/reports")).toBe("/reports");
  });

  it("sets secure headers and a request id", async () => {
    const res = await testApp(db()).request("/healthz");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toMatch(/.{6,}/);
  });

  it("reports ready when the database is reachable and migrated", async () => {
    const res = await testApp(db()).request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ready" });
  });

  it("refuses a form post without the CSRF token, accepts it with the token", async () => {
    const app = testApp(db());
    const page = await app.request("/");
    const token = /ll_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1];
    expect(token).toBeTruthy();
    const form = { "content-type": "application/x-www-form-urlencoded", cookie: `ll_csrf=${token}` };
    const refused = await app.request("/", { method: "POST", headers: form, body: "_csrf=wrong" });
    expect(refused.status).toBe(403);
    const accepted = await app.request("/", { method: "POST", headers: form, body: `_csrf=${token}` });
    expect(accepted.status).toBe(404); // past CSRF; no POST route at / yet
  });

  it("answers unknown pages with a localized 404", async () => {
    const res = await testApp(db()).request("/nope?lang=ja");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("ページが見つかりません");
  });
});
