import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { wizardDriver } from "../../../test/support/wizard-driver.ts";
import { jsonStrings, untranslated } from "../../../test/support/untranslated.ts";
import { signatureHeaders } from "../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../lib/clock.ts";

/** Every string value in a vendor's answer: the records' own words are data, not our sentences. */
function strings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (/[A-Za-z]{2}/.test(value) && value.length >= 3) into.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, into));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => strings(v, into));
}

/**
 * Item 3 of issue 20: every page, the card and each wizard step, rendered in Japanese on a seeded
 * stack, holds no English sentence and no English label. Record names, numbers, e-mails, URLs and
 * codes are data and stripped first (test/support/untranslated.ts); brand names are allowed.
 */
describeEachBackend("Japanese everywhere (issue 20, item 3)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  const data: string[] = [];
  const deals: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    const found = new Set<string>();
    for (const type of ["deals", "companies", "contacts", "products", "line_items", "quotes", "invoices"]) {
      const props = (await stack.hs("GET", `/crm/v3/properties/${type}`)).body.results as Array<{
        name: string;
      }>;
      // Labels are the portal's words; lifecycle stages are not: Ledgerlink names HubSpot's default
      // stages in the page's language (src/features/settings/lifecycle-stages.ts).
      for (const p of props as Array<{ name: string; label?: string; options?: Array<{ label: string }> }>)
        strings([p.label, p.name === "lifecyclestage" ? [] : (p.options ?? []).map((o) => o.label)], found);
      const names = props.map((p) => p.name).join(",");
      strings((await stack.hs("GET", `/crm/v3/objects/${type}?limit=100&properties=${names}`)).body, found);
    }
    strings((await stack.hs("GET", "/crm/v3/pipelines/deals")).body, found);
    strings((await stack.hs("GET", "/crm/v3/owners")).body, found);
    for (const entity of [
      "Customer",
      "Item",
      "Term",
      "TaxCode",
      "TaxRate",
      "Invoice",
      "Account",
      "CompanyInfo",
    ])
      for (const company of [stack.companies.us, stack.companies.uk]) {
        const q = encodeURIComponent(`SELECT * FROM ${entity}`);
        strings((await stack.qboApi(company.realmId, "GET", `/query?query=${q}`)).body.QueryResponse, found);
      }
    found.add(stack.companies.us.name).add(stack.companies.uk.name);
    data.push(...[...found].sort((a, b) => b.length - a.length));

    const list = await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname");
    for (const d of list.body.results as Array<{ id: string; properties: { dealname: string } }>)
      deals[d.properties.dealname] = d.id;
    dealId = Object.values(deals)[0]!;
    // Contacts and products sync on for the US company: the initial sync's preview has a page.
    for (const [tab, fields] of [
      [
        "contacts",
        {
          direction: "two_way",
          createUpdate: "create_and_update",
          deleteRule: "none",
          winner: "qbo",
          customerAs: "contact",
          behaviour: "legacy",
        },
      ],
      [
        "products",
        { direction: "two_way", createUpdate: "create_and_update", deleteRule: "none", winner: "qbo" },
      ],
    ] as const) {
      const body = new URLSearchParams({ _csrf: stack.user.csrf, enabled: "on", ...fields });
      const res = await stack.app.request(`/sync/${stack.companies.us.connectionId}/${tab}`, {
        method: "POST",
        headers: { cookie: stack.user.cookie, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(res.status, tab).toBe(303);
    }
    // Something on every page: the UK company's invoices (one per status) followed from a deal.
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoices = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
    await stack.follow("uk", invoices, [{ objectType: "deals", objectId: dealId }]);
    // A payment recorded in QuickBooks, and QuickBooks' webhooks delivered: the Activity page gets
    // entries from the change pull and the payment rule as well.
    const open = invoices.find((i: { Balance: number }) => i.Balance > 0);
    await stack.qboApi(stack.companies.uk.realmId, "POST", "/payment", {
      CustomerRef: open.CustomerRef,
      TotalAmt: 1,
      Line: [{ Amount: 1, LinkedTxn: [{ TxnId: open.Id, TxnType: "Invoice" }] }],
    });
    await stack.drain();
    await stack.qboControl("/webhooks/flush", {});
    await stack.drain();
  });
  afterAll(() => stack?.close());

  const japanese = (path: string, cookie = stack.user.cookie) =>
    stack.app.request(path, {
      headers: { cookie: `${cookie}; ll_lang=ja`, "accept-language": "ja-JP,ja;q=0.9" },
    });
  const expectJapanese = async (where: string, res: Response) => {
    expect(res.status, where).toBeLessThan(400);
    const html = await res.text();
    expect(html, where).toContain('lang="ja"');
    expect(untranslated(html, data), where).toEqual([]);
  };

  const us = () => stack.companies.us.connectionId;
  const pages = () => [
    "/",
    "/connections",
    "/invoices",
    "/automations",
    "/automations/new",
    `/sync?company=${us()}&tab=contacts`,
    `/sync?company=${us()}&tab=products`,
    `/sync?company=${us()}&tab=invoices`,
    `/sync/${us()}/behaviour`,
    `/mappings?company=${us()}&object=contact`,
    `/mappings?company=${us()}&object=product`,
    `/mappings?company=${us()}&object=invoice`,
    "/reports",
    "/activity",
  ];

  it("has something to say on the Activity page (the check below is not vacuous)", async () => {
    const html = await (await japanese("/activity")).text();
    const rows = html.match(/<tr data-outcome=/g) ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain("接続");
  });

  /**
   * The pages above and every page they link to, and so on (same site, GET, not files, not the
   * language switch or sign-in): what a person can reach by clicking, plus the 404 page.
   */
  async function reachable(): Promise<string[]> {
    const seen = new Set<string>(pages());
    const queue = [...seen];
    // One page of each shape is enough: /mappings/conn-us/<id>/edit once, not once per mapping.
    const shapes = new Set<string>();
    const shape = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\d+/g, ":id");
    while (queue.length && seen.size < 80) {
      const html = await (await japanese(queue.shift()!)).text();
      for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
        const path = m[1]!.replace(/&amp;/g, "&");
        if (
          /\.csv|[?&]lang=|^\/(auth|signout|signin|oauth|embed|assets)|\/invoices\/[^/?]+\/preview/.test(path)
        )
          continue;
        if (!seen.has(path) && !shapes.has(shape(path))) {
          shapes.add(shape(path));
          seen.add(path);
          queue.push(path);
        }
      }
    }
    // Pages no link leads to: a refused QuickBooks consent, Intuit's Disconnect landing page.
    return [
      ...seen,
      "/no-such-page",
      "/oauth/qbo/callback?error=access_denied&state=not-a-state",
      "/intuit/disconnect?realmId=1",
    ];
  }

  it("renders every Ledgerlink page in Japanese", async () => {
    const failures: Record<string, string[]> = {};
    const all = await reachable();
    expect(all.length).toBeGreaterThan(pages().length);
    for (const path of all) {
      const res = await japanese(path);
      const html = await res.text();
      const left = untranslated(html, data);
      // A refusal (404, a 409 "turn the sync on first") is a page too, and must be Japanese.
      if (res.status >= 500 || !html.includes('lang="ja"')) failures[path] = [`status ${res.status}`];
      else if (left.length) failures[path] = left;
    }
    const signin = await stack.app.request("/signin", { headers: { cookie: "ll_lang=ja" } });
    const left = untranslated(await signin.text(), data);
    if (left.length) failures["/signin"] = left;
    expect(failures).toEqual({});
  });

  it("gives every CSV a page links to with Japanese headers", async () => {
    const links = new Set<string>();
    for (const path of pages())
      for (const m of (await (await japanese(path)).text()).matchAll(/href="([^"]*\.csv[^"]*)"/g))
        links.add(m[1]!.replace(/&amp;/g, "&"));
    expect(links.size).toBeGreaterThan(0);
    const failures: Record<string, string[]> = {};
    for (const link of links) {
      const res = await japanese(link);
      expect(res.status, link).toBe(200);
      const header = (await res.text()).replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
      const cells = header.split(",").map((c) => c.replace(/^"|"$/g, ""));
      const left = cells.flatMap((c) => untranslated(`<p>${c}</p>`, data));
      if (left.length) failures[link] = left;
    }
    expect(failures).toEqual({});
  });

  it("gives the card in the HubSpot user's Japanese, classic and app card", async () => {
    for (const format of ["classic", "app-card"]) {
      const url = `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams({
        userId: stack.user.hubspotUserId,
        userEmail: "viewer@example.com",
        associatedObjectId: dealId,
        associatedObjectType: "DEAL",
        portalId: stack.portalId,
        format,
        locale: "ja-JP",
      }).toString()}`;
      const headers = signatureHeaders({
        clientSecret: HUBSPOT_APP.clientSecret,
        method: "GET",
        url,
        body: "",
        now: clock.now(),
        legacy: "v2",
      });
      const res = await stack.app.request(url, { headers: { ...headers, "accept-language": "ja" } });
      expect(res.status).toBe(200);
      const json: unknown = await res.json();
      // Keys whose values are machine words (types, URIs, colours), not text a person reads.
      const skip = new Set([
        "uri",
        "link",
        "url",
        "href",
        "type",
        "dataType",
        "name",
        "locale",
        "variant",
        "objectId",
        "id",
        "status",
        "key",
        "tone",
        "optionType",
        "statusVariant",
      ]);
      const left = jsonStrings(json, skip).flatMap((s) => untranslated(`<p>${s}</p>`, data));
      expect(left, format).toEqual([]);
    }
  });

  it("renders each wizard step, and Add existing invoice, in the HubSpot user's Japanese", async () => {
    const { wizard, goesTo } = wizardDriver(() => stack, db, deals);
    const w = wizard(Object.keys(deals)[1]!, stack.user.hubspotUserId, "ja");
    await w.open();
    await expectJapanese("company", await w.get("company"));
    goesTo(await w.post("company", { connectionId: us(), action: "next" }), "source");
    await expectJapanese("source", await w.get("source"));
    goesTo(await w.post("source", { source: "scratch", action: "next" }), "customer");
    await expectJapanese("customer", await w.get("customer"));
    goesTo(
      await w.post("customer", { kind: "new", action: "next", new_displayName: `Buyer ${w.dealId}` }),
      "products",
    );
    await expectJapanese("products", await w.get("products"));
    await expectJapanese("products with tax", await w.get("products", { showTax: "1" }));
    const page = await w.page("products");
    const item = /name="add_item"[^>]*>\s*<option value="(\d+)"/.exec(page)![1]!;
    goesTo(
      await w.post("products", { add_item: item, add_qty: "2", add_price: "10", action: "add" }),
      "products",
    );
    await expectJapanese("products with a line", await w.get("products"));
    goesTo(await w.post("products", { action: "next" }), "details");
    await expectJapanese("details", await w.get("details"));
    const details = await w.page("details");
    const fields: Record<string, string> = { action: "next" };
    for (const m of details.matchAll(/<input[^>]*name="(\w+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] ??= m[2]!;
    goesTo(await w.post("details", fields), "review");
    await expectJapanese("review", await w.get("review"));
    // Submitted: the progress page, then (the worker has run) the outcome page.
    await w.post("review", { action: "next" });
    await expectJapanese("submitting", await w.get());
    await stack.drain();
    await expectJapanese("created", await w.get());

    const token = stack.embedToken("deals", dealId, { locale: "ja" });
    await expectJapanese(
      "add existing",
      await stack.app.request(`/embed/invoices/add?t=${encodeURIComponent(token)}`),
    );
  });

  it("keeps a signed-in user's own choice over the browser's language, the browser's as the fallback", async () => {
    const page = async (headers: Record<string, string>) => {
      const res = await stack.app.request("/", { headers });
      return /<html lang="(\w+)"/.exec(await res.text())?.[1];
    };
    const session = stack.user.cookie;
    expect(await page({ cookie: session, "accept-language": "ja-JP" })).toBe("ja");
    expect(await page({ cookie: session, "accept-language": "en-US" })).toBe("en");
    await stack.app.request("/?lang=ja", { headers: { cookie: session, "accept-language": "en-US" } });
    // No cookie, an English browser: the choice saved for the user still wins.
    expect(await page({ cookie: session, "accept-language": "en-US" })).toBe("ja");
    await stack.app.request("/?lang=en", { headers: { cookie: session } });
    expect(await page({ cookie: session, "accept-language": "ja-JP" })).toBe("en");
  });
});
