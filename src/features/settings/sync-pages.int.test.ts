import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { loadSettings } from "./store.ts";

/** The Sync settings and Field mappings pages over HTTP (C1–C5, M1–M2, V3, X1). */
describeEachBackend("sync settings and field mappings pages (C, M, V3, X1)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let conn: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    conn = stack.companies.us.connectionId;
  });
  afterAll(() => stack.close());

  const get = (path: string) => stack.app.request(path, { headers: { cookie: stack.user.cookie } });
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    body.append("_csrf", stack.user.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return stack.app.request(path, {
      method: "POST",
      headers: { cookie: stack.user.cookie, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  };

  it("shows every tab with every option, and saves a contact setting that the next sync reads", async () => {
    const page = await (await get(`/sync?company=${conn}&tab=contacts`)).text();
    for (const option of [
      "two_way",
      "to_hubspot",
      "to_qbo",
      "create_and_update",
      "update_only",
      "none",
      "archive",
      "hubspot",
      "company",
    ])
      expect(page).toContain(`value="${option}"`);
    const res = await post(`/sync/${conn}/contacts`, {
      enabled: "on",
      direction: "to_qbo",
      createUpdate: "create_and_update",
      deleteRule: "archive",
      winner: "hubspot",
      customerAs: "contact",
      matchByNameAndCompany: "on",
      lifecycleStages: ["customer"],
      listIds: "",
      behaviour: "legacy",
    });
    expect(res.status).toBe(303);
    const settings = await loadSettings(db().db, conn);
    expect(settings.contacts).toMatchObject({
      enabled: true,
      direction: "to_qbo",
      deleteRule: "archive",
      winner: "hubspot",
    });
    expect(settings.contacts.filters.lifecycleStages).toEqual(["customer"]);
    expect(await (await get(`/sync?company=${conn}&tab=products`)).text()).toContain('name="winner"');
    expect(await (await get(`/sync?company=${conn}&tab=invoices`)).text()).not.toContain('name="direction"');
  });

  it("refuses a bad setting with the reason and changes nothing", async () => {
    const before = await loadSettings(db().db, conn);
    const res = await post(`/sync/${conn}/contacts`, { enabled: "on", direction: "sideways" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('role="alert"');
    expect(await loadSettings(db().db, conn)).toEqual(before);
    expect((await post(`/sync/other-company/contacts`, { enabled: "on" })).status).toBe(404);
  });

  it("lists the default mappings, marked, with the real HubSpot properties in the picker", async () => {
    const html = await (await get(`/mappings?company=${conn}&object=contact`)).text();
    expect(html).toContain('data-mapping="email:PrimaryEmailAddr.Address"');
    expect(html).toContain("Default");
    expect(html).toContain('<option value="jobtitle"');
    expect(html).toContain('<option value="Notes"');
  });

  it("adds, edits and deletes a mapping; refuses incompatible types and one-way pairs the other way", async () => {
    const refused = await post(`/mappings/${conn}/contact`, {
      hubspotProperty: "jobtitle",
      qboField: "Balance",
      direction: "both",
    });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("this pair can only be synced from QuickBooks to HubSpot");
    // The form keeps what the user entered, and offers only the direction the pair allows.
    expect(refusedHtml).toMatch(/<option value="jobtitle" selected/);
    expect(refusedHtml).toMatch(/<option value="Balance" selected/);
    const addForm = refusedHtml.slice(refusedHtml.indexOf('id="add-mapping"'));
    expect(addForm).toContain('<option value="to_hubspot"');
    expect(addForm).not.toContain('<option value="both"');
    expect(addForm).not.toContain('<option value="to_qbo"');
    const typed = await post(`/mappings/${conn}/product`, {
      hubspotProperty: "price",
      qboField: "Name",
      direction: "both",
    });
    expect(typed.status).toBe(400);
    expect(await typed.text()).toContain("type");

    expect(
      (
        await post(`/mappings/${conn}/contact`, {
          hubspotProperty: "jobtitle",
          qboField: "Title",
          direction: "both",
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await post(`/mappings/${conn}/contact`, {
          hubspotProperty: "jobtitle",
          qboField: "Title",
          direction: "both",
        })
      ).status,
    ).toBe(400);
    const row = await db()
      .db.selectFrom("fieldMappings")
      .selectAll()
      .where("connectionId", "=", conn)
      .where("hubspotProperty", "=", "jobtitle")
      .executeTakeFirstOrThrow();
    expect(row.isDefault).toBe(false);
    const edit = await (await get(`/mappings/${conn}/${row.mappingId}/edit`)).text();
    expect(edit).toContain('id="edit-mapping"');
    expect(
      (
        await post(`/mappings/${conn}/${row.mappingId}`, {
          hubspotProperty: "jobtitle",
          qboField: "Title",
          direction: "to_qbo",
        })
      ).status,
    ).toBe(303);
    const edited = await db()
      .db.selectFrom("fieldMappings")
      .select("direction")
      .where("mappingId", "=", row.mappingId)
      .executeTakeFirstOrThrow();
    expect(edited.direction).toBe("to_qbo");
    // Delete without its confirm step changes nothing; with it, the mapping goes.
    expect((await post(`/mappings/${conn}/${row.mappingId}/delete`, {})).status).toBe(400);
    expect(
      await db()
        .db.selectFrom("fieldMappings")
        .select("mappingId")
        .where("mappingId", "=", row.mappingId)
        .executeTakeFirst(),
    ).toBeDefined();
    expect((await post(`/mappings/${conn}/${row.mappingId}/delete`, { confirm: "yes" })).status).toBe(303);
    expect(
      await db()
        .db.selectFrom("fieldMappings")
        .select("mappingId")
        .where("mappingId", "=", row.mappingId)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("creates a HubSpot invoice property from the mapping screen and maps it (V3)", async () => {
    const bad = await post(`/mappings/${conn}/invoice/property`, {
      name: "Bad Name",
      label: "x",
      type: "string",
    });
    expect(bad.status).toBe(400);
    const res = await post(`/mappings/${conn}/invoice/property`, {
      name: "qbo_tracking_number",
      label: "Tracking number",
      type: "string",
    });
    expect(res.status).toBe(200);
    const props = await stack.hs("GET", "/crm/v3/properties/invoices/qbo_tracking_number");
    expect(props.body).toMatchObject({ name: "qbo_tracking_number", type: "string" });
    const mapped = await post(`/mappings/${conn}/invoice`, {
      hubspotProperty: "qbo_tracking_number",
      qboField: "TrackingNum",
      direction: "to_hubspot",
    });
    expect(mapped.status).toBe(303);
  });

  it("previews the switch to sync-filter behaviour with the linked contacts it would exclude (X1)", async () => {
    const inFilter = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { email: "in@x.example", lifecyclestage: "customer" },
    });
    const outFilter = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { email: "out@x.example", firstname: "Outside", lifecyclestage: "lead" },
    });
    for (const [i, id] of [inFilter.body.id, outFilter.body.id].entries())
      await db()
        .db.insertInto("recordLinks")
        .values({
          connectionId: conn,
          kind: "contact",
          qboId: `q${i}`,
          hubspotId: id,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        })
        .execute();
    const html = await (await get(`/sync/${conn}/behaviour`)).text();
    expect(html).toContain("1 of 2 linked contacts would no longer be eligible");
    expect(html).toContain(`Outside (out@x.example), HubSpot contact ${outFilter.body.id}`);
    expect(html).toContain("its lifecycle stage is Lead, and the filters only let Customer through");
    const ja = await (
      await stack.app.request(`/sync/${conn}/behaviour?lang=ja`, { headers: { cookie: stack.user.cookie } })
    ).text();
    expect(ja).toContain("ライフサイクルステージがリードで、フィルターが通すのは顧客だけです");
    // The Contacts tab shows the behaviour and links to the preview; its form cannot switch it.
    const tab = await (await get(`/sync?company=${conn}&tab=contacts`)).text();
    expect(tab).not.toContain('name="behaviour"');
    expect(tab).toContain(`href="/sync/${conn}/behaviour"`);
    const form = { enabled: "on", direction: "to_qbo", createUpdate: "create_and_update" };
    const saved = await post(`/sync/${conn}/contacts`, {
      ...form,
      deleteRule: "archive",
      winner: "hubspot",
      customerAs: "contact",
      lifecycleStages: ["customer"],
      behaviour: "sync_filter",
    });
    expect(saved.status).toBe(303);
    expect((await loadSettings(db().db, conn)).behaviour).toBe("legacy");
    // The switch itself needs the preview's confirmation.
    expect((await post(`/sync/${conn}/behaviour`, {})).status).toBe(400);
    expect((await loadSettings(db().db, conn)).behaviour).toBe("legacy");
    expect((await post(`/sync/${conn}/behaviour`, { confirm: "yes" })).status).toBe(303);
    expect((await loadSettings(db().db, conn)).behaviour).toBe("sync_filter");
  });

  it("lays the pages out: the open company and tab marked, tabs and labels apart, styles for every class", async () => {
    const uk = stack.companies.uk.connectionId;
    await get("/sync?lang=en"); // an earlier test chose Japanese, which the session remembers
    const html = await (await get(`/sync?company=${uk}&tab=products`)).text();
    const ukName = stack.companies.uk.name;
    expect(html).toContain('<nav class="tabs companies" aria-labelledby="company-label">');
    // The company link and the tab link both point at this page, both marked current.
    expect(
      html.match(new RegExp(`<a href="/sync\\?company=${uk}&amp;tab=products" aria-current="page">`, "g")),
    ).toHaveLength(2);
    expect(html).toContain(
      `<h2 id="open-settings">Settings of ${ukName.replace(/'/g, "&#39;")} · Products</h2>`,
    );
    expect((html.match(/aria-current="page"/g) ?? []).length).toBe(3); // main nav, company, tab
    const mappings = await (await get(`/mappings?company=${uk}&object=product`)).text();
    expect(mappings).toMatch(/<a href="\/mappings\?company=[^"]+&amp;object=product" aria-current="page">/);
    expect(mappings).toContain('id="open-mappings"');
    // Lifecycle stages by label, in both languages.
    const contacts = await (await get(`/sync?company=${uk}&tab=contacts`)).text();
    expect(contacts).toContain("Marketing Qualified Lead");
    expect(contacts).not.toMatch(/\/> marketingqualifiedlead/);
    const ja = await (
      await stack.app.request(`/sync?company=${uk}&tab=contacts&lang=ja`, {
        headers: { cookie: stack.user.cookie },
      })
    ).text();
    expect(ja).toContain("マーケティング・クオリファイド・リード（MQL）");

    // Every class these pages use has a rule in the stylesheet, focus is visible, danger is red.
    const css = await (await stack.app.request("/assets/app.css")).text();
    for (const cls of [
      "tabs",
      "companies",
      "tab-panel",
      "settings",
      "stacked",
      "data",
      "check",
      "help",
      "danger",
      "confirm",
      "back",
      "exports",
    ])
      expect(css, cls).toMatch(new RegExp(`\\.${cls}\\b`));
    expect(css).toContain(":focus-visible");
    expect(css).toMatch(/button\.danger[^{]*\{[^}]*background: #b42318/);
  });
});
