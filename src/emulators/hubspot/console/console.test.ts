import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "./index.ts";
import { consoleFixture, textOf } from "./test-console.ts";

const list = (portalId: number, typeId: string, query = "") =>
  `/contacts/${portalId}/objects/${typeId}/views/all/list${query}`;
const rowIds = (html: string) => [...html.matchAll(/<tr data-record-id="(\d+)"/g)].map((m) => m[1]);

describe("HubSpot emulator console: portals and index pages", () => {
  it("lists the portals at /, each with its types, record counts and workflows", async () => {
    const f = consoleFixture();
    const other = f.emulator.createPortal();
    const { status, html } = await f.page("/");
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain(`Portal ${f.portalId}`);
    expect(text).toContain(`Portal ${other}`);
    expect(text).toContain("Deals (7)");
    expect(text).toContain("Contacts (6)");
    for (const typeId of ["0-3", "0-1", "0-2", "0-7", "0-14", "0-53"])
      expect(html).toContain(`href="${list(f.portalId, typeId)}"`);
    expect(html).toContain(`href="/workflows/${f.portalId}"`);
    expect(html).toContain('href="/?lang=ja"');
  });

  it("lists each type with its columns, the name linking to HubSpot's record URL", async () => {
    const f = consoleFixture();
    const { html } = await f.page(list(f.portalId, "0-1"));
    const text = textOf(html);
    expect(text).toContain("Contacts Search 6 records");
    expect(text).toContain("Email");
    const jane = (await (
      await f.api("POST", "/crm/v3/objects/contacts/search", { query: "jane" })
    ).json()) as {
      results: Array<{ id: string }>;
    };
    const janeId = jane.results[0]!.id;
    expect(html).toContain(`<a href="/contacts/${f.portalId}/record/0-1/${janeId}">Jane Doe</a>`);
    expect(html).toContain("jane.doe@acme.example.com");
    for (const [typeId, name] of [
      ["0-3", "Acme – onboarding"],
      ["0-2", "Globex Japan K.K."],
      ["0-7", "Annual licence"],
      ["0-14", "Umbrella pilot offer"],
    ] as const)
      expect(textOf((await f.page(list(f.portalId, typeId))).html)).toContain(name);
    expect(textOf((await f.page(list(f.portalId, "0-53"))).html)).toContain("No records of this type yet.");
  });

  it("searches as the CRM search API does: the same records for the same query, and says when none match", async () => {
    const f = consoleFixture();
    for (const q of ["globex", "JANE", "acme.example.com"]) {
      const api = (await (
        await f.api("POST", "/crm/v3/objects/contacts/search", { query: q, limit: 100 })
      ).json()) as {
        results: Array<{ id: string }>;
      };
      const { html } = await f.page(list(f.portalId, "0-1", `?q=${encodeURIComponent(q)}`));
      expect(rowIds(html)).toEqual(api.results.map((r) => r.id));
      expect(api.results.length).toBeGreaterThan(0);
    }
    const miss = await f.page(list(f.portalId, "0-1", "?q=nobody-here"));
    expect(miss.status).toBe(200);
    expect(rowIds(miss.html)).toEqual([]);
    expect(textOf(miss.html)).toContain("No record matches “nobody-here”.");
    expect(miss.html).toContain('value="nobody-here"');
  });

  it("pages the results, keeping the search in the links", async () => {
    const f = consoleFixture();
    for (let i = 1; i <= 30; i++)
      expect(
        (
          await f.api("POST", "/crm/v3/objects/contacts", {
            properties: { firstname: "Pager", lastname: `No${i}` },
          })
        ).status,
      ).toBe(201);
    const first = await f.page(list(f.portalId, "0-1", "?q=pager"));
    expect(rowIds(first.html)).toHaveLength(PAGE_SIZE);
    expect(textOf(first.html)).toContain("30 records match “pager” Name");
    expect(textOf(first.html)).toContain("Page 1 of 2");
    expect(first.html).toContain(`href="${list(f.portalId, "0-1", "?q=pager&amp;page=2")}"`);
    const second = await f.page(list(f.portalId, "0-1", "?q=pager&page=2"));
    expect(rowIds(second.html)).toHaveLength(30 - PAGE_SIZE);
    expect(textOf(second.html)).toContain("‹ Previous Page 2 of 2");
    expect(second.html).not.toContain('rel="next"');
    expect(new Set([...rowIds(first.html), ...rowIds(second.html)]).size).toBe(30);
  });

  it("answers bad input with a clear 404 or 400 page and changes nothing", async () => {
    const f = consoleFixture();
    const before = JSON.stringify(f.emulator.world.toJSON());
    const cases: Array<[string, number, string]> = [
      [list(999, "0-1"), 404, "There is no portal 999."],
      [list("abc" as unknown as number, "0-1"), 404, "There is no portal abc."],
      [list(f.portalId, "0-9"), 404, "The console has no list of object type 0-9."],
      [list(f.portalId, "0-1", "?page=0"), 400, "“0” is not a page number"],
      [list(f.portalId, "0-1", "?page=two"), 400, "“two” is not a page number"],
      [list(f.portalId, "0-1", "?page=3"), 404, "There is no page 3: the list has 1 page."],
      [list(f.portalId, "0-1", `?q=${"x".repeat(3001)}`), 400, "The search text is too long"],
      [`/workflows/999`, 404, "There is no portal 999."],
      [`/workflows/${f.portalId}/executions/nope`, 404, "There is no execution nope in this portal."],
    ];
    for (const [path, status, message] of cases) {
      const res = await f.page(path);
      expect(res.status, path).toBe(status);
      expect(res.res.headers.get("content-type"), path).toContain("text/html");
      expect(textOf(res.html), path).toContain(message);
    }
    expect(JSON.stringify(f.emulator.world.toJSON())).toBe(before);
  });

  it("speaks Japanese by ?lang=ja, the user's language or Accept-Language, keeps the choice in its links, and links the other language", async () => {
    const f = consoleFixture();
    const home = await f.page("/?lang=ja");
    expect(home.html).toContain('<html lang="ja">');
    expect(textOf(home.html)).toContain(`ポータル ${f.portalId}`);
    expect(home.html).toContain(`href="${list(f.portalId, "0-1", "?lang=ja")}"`);
    expect(home.html).toContain('href="/?lang=en">English</a>');

    // Without a portal (the list of portals) the browser's language decides.
    const byHeader = await f.page("/", { headers: { "accept-language": "ja,en;q=0.5" } });
    expect(textOf(byHeader.html)).toContain(`ポータル ${f.portalId}`);
    // A portal's pages speak its current user's language, as HubSpot does (the installing user's
    // is English), whatever the browser says; `?lang=` still chooses.
    const asUser = await f.page(list(f.portalId, "0-1", "?q=jane"), {
      headers: { "accept-language": "ja,en;q=0.5" },
    });
    expect(asUser.html).toContain('<html lang="en">');
    const chosen = await f.page(list(f.portalId, "0-1", "?q=jane&lang=ja"));
    const text = textOf(chosen.html);
    expect(text).toContain("コンタクト");
    expect(text).toContain("「jane」に一致するレコード 1 件");
    expect(chosen.html).toContain("?q=jane&amp;lang=en");
    const miss = await f.page(list(f.portalId, "0-1", "?q=zzz&lang=ja"));
    expect(textOf(miss.html)).toContain("「zzz」に一致するレコードはありません。");
    const missing = await f.page(list(999, "0-1", "?lang=ja"));
    expect(missing.status).toBe(404);
    expect(textOf(missing.html)).toContain("ポータル 999 はありません。");
  });
});
