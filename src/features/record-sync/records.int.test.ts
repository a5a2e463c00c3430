import { beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import type { Stack } from "../../../test/support/stack.ts";
import { useSyncStack } from "../../../test/support/record-sync.ts";
import { ManualClock } from "../../lib/clock.ts";
import { CONTACT_KIND } from "./kinds.ts";

/**
 * Contact and product sync against both emulators (C1–C5, P1–P3, identity, loop and echo
 * safety). QBO changes travel the real way (CDC pull); HubSpot changes enter where the webhook
 * rule hands them over (applyToEachCompany), the webhook intake being proven in webhooks.test.ts.
 */
describeEachBackend("contact and product sync (C1–C5, P1–P3)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  const h = useSyncStack(db, clock);
  const { pull, settings, fromHubSpot, createCustomer, contactByKey, ledger } = h;
  let stack: Stack;
  let us: string;
  let conn: string;
  beforeAll(() => {
    ({ stack, us, conn } = h);
  });
  beforeEach(() => clock.advance(5 * 60_000));

  it("creates a contact from a new QBO customer, then follows its changes, and drops its own echo", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "two_way";
    });
    const customer = await createCustomer({
      DisplayName: "Rin Sato",
      GivenName: "Rin",
      FamilyName: "Sato",
      PrimaryEmailAddr: { Address: "rin.sato@example.jp" },
    });
    await pull();
    const [contact] = await contactByKey(`${us}:${customer.Id}`);
    expect(contact?.properties).toMatchObject({
      email: "rin.sato@example.jp",
      firstname: "Rin",
      lastname: "Sato",
    });

    clock.advance(60_000);
    await stack.qboApi(us, "POST", "/customer?operation=update", {
      Id: customer.Id,
      SyncToken: customer.SyncToken,
      sparse: true,
      PrimaryPhone: { FreeFormNumber: "+81 3 1234 5678" },
    });
    await pull();
    const [updated] = await contactByKey(`${us}:${customer.Id}`);
    expect(updated?.properties.phone).toBe("+81 3 1234 5678");

    // HubSpot's webhook for our own write comes back: nothing is written to QBO.
    const before = (await stack.qboApi(us, "GET", `/customer/${customer.Id}`)).body.Customer;
    const echo = await fromHubSpot(CONTACT_KIND, updated!.id);
    expect(echo?.outcome).toBe("skipped");
    const after = (await stack.qboApi(us, "GET", `/customer/${customer.Id}`)).body.Customer;
    expect(after.SyncToken).toBe(before.SyncToken);
  });

  it("creates a contact without e-mail, and does nothing when sync is turned off mid-way", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
    });
    const noEmail = await createCustomer({
      DisplayName: "Walk-in Buyer",
      GivenName: "Walk-in",
      FamilyName: "Buyer",
    });
    await settings((s) => {
      s.contacts.enabled = false; // turned off before the next pull: nothing may reach HubSpot
    });
    await pull();
    expect(await contactByKey(`${us}:${noEmail.Id}`)).toHaveLength(0);
    await settings((s) => {
      s.contacts.enabled = true;
    });
    clock.advance(60_000);
    await stack.qboApi(us, "POST", "/customer?operation=update", {
      Id: noEmail.Id,
      SyncToken: noEmail.SyncToken,
      sparse: true,
      Notes: "x",
    });
    await pull();
    const [contact] = await contactByKey(`${us}:${noEmail.Id}`);
    expect(contact?.properties).toMatchObject({ firstname: "Walk-in", lastname: "Buyer", email: null });
  });

  it("gives a HubSpot contact whose name is taken in QBO a readable suffix, never an error", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
    });
    await createCustomer({ DisplayName: "Globex (Hank Scorpio)" });
    const created = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Hank", lastname: "Scorpio", company: "Globex", email: "hank@globex.example" },
    });
    const result = await fromHubSpot(CONTACT_KIND, created.body.id);
    expect(result?.outcome).toBe("ok");
    const q = await stack.qboApi(
      us,
      "GET",
      `/query?query=${encodeURIComponent("SELECT * FROM Customer WHERE DisplayName LIKE 'Globex (Hank Scorpio)%'")}`,
    );
    const names = (q.body.QueryResponse.Customer as Array<{ DisplayName: string }>)
      .map((c) => c.DisplayName)
      .sort();
    expect(names).toEqual(["Globex (Hank Scorpio)", "Globex (Hank Scorpio) (2)"]);
    // Running the same change again (a retried job) creates nothing more.
    await db().db.deleteFrom("recordLinks").where("hubspotId", "=", created.body.id).execute();
    await fromHubSpot(CONTACT_KIND, created.body.id);
    const again = await stack.qboApi(
      us,
      "GET",
      `/query?query=${encodeURIComponent("SELECT * FROM Customer WHERE DisplayName LIKE 'Globex (Hank Scorpio)%'")}`,
    );
    expect(again.body.QueryResponse.Customer).toHaveLength(2);
  });

  it("makes the QBO customer inactive when its HubSpot contact is archived (delete rule), and not otherwise", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
      s.contacts.deleteRule = "archive";
    });
    const created = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Archie", lastname: "Ved", email: "archie@example.com" },
    });
    await fromHubSpot(CONTACT_KIND, created.body.id);
    const link = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("hubspotId", "=", created.body.id)
      .executeTakeFirstOrThrow();
    await stack.hs("DELETE", `/crm/v3/objects/contacts/${created.body.id}`);
    const res = await fromHubSpot(CONTACT_KIND, created.body.id, true);
    expect(res?.outcome).toBe("ok");
    const customer = (await stack.qboApi(us, "GET", `/customer/${link.qboId}`)).body.Customer;
    expect(customer.Active).toBe(false);
  });

  it("archives the HubSpot contact when its customer is made inactive in QBO, only with the archive rule", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
    });
    const keep = await createCustomer({
      DisplayName: "Keep Me",
      PrimaryEmailAddr: { Address: "keep@example.com" },
    });
    const gone = await createCustomer({
      DisplayName: "Gone Soon",
      PrimaryEmailAddr: { Address: "gone@example.com" },
    });
    await pull();
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
      s.contacts.deleteRule = "archive";
    });
    clock.advance(60_000);
    await stack.qboApi(us, "POST", "/customer?operation=update", {
      Id: gone.Id,
      SyncToken: gone.SyncToken,
      sparse: true,
      Active: false,
    });
    await pull();
    expect(await contactByKey(`${us}:${gone.Id}`)).toHaveLength(0);
    expect(await contactByKey(`${us}:${keep.Id}`)).toHaveLength(1);
  });

  it("catches a change whose webhook was lost on the next reconcile", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
    });
    await stack.qboControl("/webhooks", { enabled: false });
    const quiet = await createCustomer({
      DisplayName: "Quiet One",
      PrimaryEmailAddr: { Address: "quiet@example.com" },
    });
    expect(await contactByKey(`${us}:${quiet.Id}`)).toHaveLength(0);
    await pull(); // the reconcile timer's job
    expect(await contactByKey(`${us}:${quiet.Id}`)).toHaveLength(1);
    await stack.qboControl("/webhooks", { enabled: true });
  });

  it("links a contact by e-mail instead of duplicating it, and sends an unsafe match to review", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
    });
    const existing = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Mia", lastname: "Wong", company: "Acme", email: "mia@acme.example" },
    });
    const same = await createCustomer({
      DisplayName: "Mia Wong",
      PrimaryEmailAddr: { Address: "MIA@acme.example" },
    });
    const twin = await createCustomer({
      DisplayName: "Mia Wong (Acme)",
      GivenName: "Mia",
      FamilyName: "Wong",
      CompanyName: "Acme",
      PrimaryEmailAddr: { Address: "mia.other@acme.example" },
    });
    await pull();
    const link = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("qboId", "=", same.Id)
      .where("connectionId", "=", conn)
      .executeTakeFirstOrThrow();
    expect(link.hubspotId).toBe(existing.body.id);
    const review = await db()
      .db.selectFrom("reviewItems")
      .selectAll()
      .where("recordId", "=", twin.Id)
      .executeTakeFirst();
    expect(review?.status).toBe("open");
    expect(await contactByKey(`${us}:${twin.Id}`)).toHaveLength(0);
    // The review list names the record and the candidate, and says which fields matched and why not.
    const page = await (
      await stack.app.request(`/sync?company=${conn}&tab=contacts`, {
        headers: { cookie: stack.user.cookie },
      })
    ).text();
    const row = page.slice(page.indexOf(`data-review="${review!.reviewId}"`));
    expect(row).toContain("Mia Wong");
    expect(row).toContain("mia.other@acme.example");
    expect(row).toContain(`QuickBooks customer ${twin.Id}`);
    expect(row).toContain(`HubSpot contact ${existing.body.id}`);
    expect(row).toContain(
      "The only one of the HubSpot contacts with the same first name, last name, company (Mia · Wong · Acme) has another e-mail: mia@acme.example, not mia.other@acme.example.",
    );
    expect(row).not.toContain("HubSpot contacts 1");
  });

  it("follows the create-and-update rule: update only never creates; do nothing writes nothing", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
      s.contacts.createUpdate = "update_only";
    });
    const lonely = await createCustomer({
      DisplayName: "Lonely Customer",
      PrimaryEmailAddr: { Address: "lonely@example.com" },
    });
    await pull();
    expect(await contactByKey(`${us}:${lonely.Id}`)).toHaveLength(0);
    expect((await ledger(lonely.Id))[0]?.decision).toMatch(/only updates/);
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
      s.contacts.createUpdate = "none";
    });
    clock.advance(60_000);
    await stack.qboApi(us, "POST", "/customer?operation=update", {
      Id: lonely.Id,
      SyncToken: lonely.SyncToken,
      sparse: true,
      Notes: "y",
    });
    await pull();
    expect((await ledger(lonely.Id))[0]?.decision).toMatch(/do nothing/);
  });

  it("resolves a two-way conflict by the configured winner, field by field", async () => {
    for (const winner of ["qbo", "hubspot"] as const) {
      await settings((s) => {
        s.contacts.enabled = true;
        s.contacts.winner = winner;
      });
      const customer = await createCustomer({
        DisplayName: `Conflict ${winner}`,
        GivenName: "Old",
        PrimaryEmailAddr: { Address: `conflict-${winner}@example.com` },
      });
      await pull();
      const [contact] = await contactByKey(`${us}:${customer.Id}`);
      // Both sides change the first name before the sync sees either change.
      await stack.hs("PATCH", `/crm/v3/objects/contacts/${contact!.id}`, {
        properties: { firstname: "FromHubSpot" },
      });
      clock.advance(60_000);
      await stack.qboApi(us, "POST", "/customer?operation=update", {
        Id: customer.Id,
        SyncToken: customer.SyncToken,
        sparse: true,
        GivenName: "FromQbo",
      });
      await pull();
      await fromHubSpot(CONTACT_KIND, contact!.id);
      const [after] = await contactByKey(`${us}:${customer.Id}`);
      const qbo = (await stack.qboApi(us, "GET", `/customer/${customer.Id}`)).body.Customer;
      const expected = winner === "qbo" ? "FromQbo" : "FromHubSpot";
      expect([after?.properties.firstname, qbo.GivenName]).toEqual([expected, expected]);
    }
  });
});
