import { expect, it } from "vitest";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { sharedEmulatorClock } from "../../../test/support/qbo-emulated.ts";
import { formPost, signedInPortal } from "../../../test/support/session.ts";
import { createApp } from "../../http/app.tsx";
import { ManualClock, type MovableClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";

const START = "2026-11-02T09:00:00.000Z";
const DAY = 86_400_000;

/** The demo banner's "Travel forward" (ADR 0025): only in the demo, CSRF like every form, strict body. */
describeEachBackend("Travel forward (the demo's time travel)", (db) => {
  const appWith = (timeTravel?: MovableClock) =>
    createApp({
      config: { dataDir: "memory://", publicUrl: "http://localhost:3000" },
      database: db(),
      logger: silentLogger,
      clock: timeTravel ?? new ManualClock(START),
      secrets: testSecrets,
      vendors: {},
      timeTravel,
    });
  const demo = () => {
    const manual = new ManualClock(START);
    const clock = sharedEmulatorClock(manual);
    let jumps = 0;
    clock.onChange(() => (jumps += 1));
    return { clock, app: appWith(clock), jumps: () => jumps };
  };
  let sessions = 0;
  // A portal each: the language a test picks is saved for its user.
  const session = () => signedInPortal(db().db, `portal-travel-${++sessions}`, new Date(START));

  it("is not there outside the demo: 404 with a valid form, and no banner", async () => {
    const me = await session();
    const app = appWith();
    const res = await app.request("/demo/clock", formPost(me.cookie, me.csrf, { days: "40" }));
    expect(res.status).toBe(404);
    const home = await (await app.request("/", { headers: { cookie: me.cookie } })).text();
    expect(home).not.toContain("demo-banner");
    expect(home).not.toContain("Travel forward");
  });

  it("shows the demo's date and the four choices on every page, in English and Japanese", async () => {
    const me = await session();
    const { app } = demo();
    const en = await (await app.request("/invoices", { headers: { cookie: me.cookie } })).text();
    expect(en).toContain('datetime="2026-11-02T09:00:00.000Z"');
    expect(en).toContain("Demo date: 2 Nov 2026, 09:00 UTC");
    for (const label of ["1 day", "1 week", "30 days", "40 days"]) expect(en).toContain(`>${label}</button>`);
    expect(en).toContain('name="back" value="/invoices"');
    expect(en).toContain(`name="_csrf" value="${me.csrf}"`);
    const ja = await (await app.request("/?lang=ja", { headers: { cookie: me.cookie } })).text();
    expect(ja).toContain("デモの日時: 2026/11/02 9:00 UTC");
    for (const label of ["1日", "1週間", "30日", "40日"]) expect(ja).toContain(`>${label}</button>`);
  });

  it("moves the clock forward by the chosen days and goes back to the page", async () => {
    const me = await session();
    const { app, clock, jumps } = demo();
    const res = await app.request(
      "/demo/clock",
      formPost(me.cookie, me.csrf, { days: "40", back: "/reports?from=2026-01-01" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/reports?from=2026-01-01");
    expect(clock.now().getTime()).toBe(Date.parse(START) + 40 * DAY);
    expect(jumps()).toBe(1);
    const page = await (await app.request("/", { headers: { cookie: me.cookie } })).text();
    expect(page).toContain("Demo date: 12 Dec 2026, 09:00 UTC");

    const week = await app.request(
      "/demo/clock",
      formPost(me.cookie, me.csrf, { days: "7", back: "//x.example" }),
    );
    expect(week.headers.get("location")).toBe("/");
    expect(clock.now().getTime()).toBe(Date.parse(START) + 47 * DAY);
  });

  it.each([
    ["no days", {}],
    ["a number not offered", { days: "2" }],
    ["a negative number", { days: "-1" }],
    ["a word", { days: "forty" }],
  ])("refuses %s with 400, says what to choose, and the clock stays", async (_name, fields) => {
    const me = await session();
    const { app, clock, jumps } = demo();
    const res = await app.request("/demo/clock", formPost(me.cookie, me.csrf, fields));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("Choose how far to travel: 1 day, 1 week, 30 days or 40 days.");
    expect(page).toContain('name="back" value="/"'); // never back to this POST-only path
    expect(clock.now().toISOString()).toBe(START);
    expect(jumps()).toBe(0);
  });

  it("refuses a form without the CSRF token (403), and the clock stays", async () => {
    const me = await session();
    const { app, clock } = demo();
    const res = await app.request(
      "/demo/clock",
      formPost(me.cookie, "wrong-token-0123456789abcd", { days: "1" }),
    );
    expect(res.status).toBe(403);
    expect(clock.now().toISOString()).toBe(START);
  });
});
