import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { reconcileAll } from "../changes/jobs.ts";
import { silentLogger } from "../../lib/logger.ts";
import { reconcileHubSpotRecordsHandler } from "./hubspot-reconcile.ts";
import { syncSettingsSchema, type SyncSettings } from "../settings/schema.ts";
import { ensureSyncSetup } from "../settings/setup.ts";
import { saveSettings } from "../settings/store.ts";

/**
 * The HubSpot side of the reconcile (webhooks are hints, the reconcile is the truth: docs/adr/0004-webhooks-are-hints-cdc-is-truth.md): the stack wires no HubSpot webhooks at all, so
 * every change here is one whose webhook was lost, and only the periodic `reconcile-all` finds it.
 */
describeEachBackend("HubSpot contact, company and product reconcile", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let us: string;
  let conn: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    us = stack.companies.us.realmId;
    conn = stack.companies.us.connectionId;
    await ensureSyncSetup(db().db, conn, clock.now());
    clock.advance(10 * 60_000);
    await reconcile(); // sync off: the checkpoints follow the clock, the demo records stay put
  });
  afterAll(() => stack.close());
  beforeEach(() => clock.advance(60_000));

  async function reconcile() {
    await stack.queue.enqueue(db().db, reconcileAll, {});
    await stack.drain();
  }
  async function settings(change: (s: SyncSettings) => void) {
    const s = syncSettingsSchema.parse({});
    change(s);
    await saveSettings(db().db, conn, s, clock.now());
  }
  async function requests(vendor: "hubspot" | "qbo", method: "GET" | "DELETE" = "GET") {
    const emulator = vendor === "hubspot" ? stack.hubspot : stack.qbo;
    const res = await emulator.fetch(new Request(`${stack.urls[vendor]}/__emulator/requests`, { method }));
    return ((await res.json()) as { requests: Array<{ method: string; path: string }> }).requests;
  }
  async function link(hubspotId: string) {
    return db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("hubspotId", "=", hubspotId)
      .where("connectionId", "=", conn)
      .executeTakeFirst();
  }
  async function ledger(objectId: string) {
    return db()
      .db.selectFrom("syncLedger")
      .select(["decision", "outcome", "trigger"])
      .where("objectId", "=", objectId)
      .orderBy("id", "desc")
      .execute();
  }

  it("brings a contact created while webhooks were lost to QBO on the next reconcile, and skips its re-read", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
    });
    const created = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Lost", lastname: "Webhook", email: "lost.webhook@example.com" },
    });
    expect(created.status).toBe(201);
    expect(await link(created.body.id)).toBeUndefined();
    clock.advance(60_000);
    await reconcile();
    const linked = await link(created.body.id);
    expect(linked).toBeDefined();
    const customer = (await stack.qboApi(us, "GET", `/customer/${linked!.qboId}`)).body.Customer;
    expect(customer).toMatchObject({ GivenName: "Lost", FamilyName: "Webhook" });
    expect(customer.PrimaryEmailAddr.Address).toBe("lost.webhook@example.com");
    expect(await ledger(created.body.id)).toEqual([
      expect.objectContaining({ outcome: "ok", trigger: "timer" }),
    ]);

    // Still inside the search overlap: the contact is read again, but nothing new in it means no
    // QBO read and no ledger line.
    clock.advance(60_000);
    await requests("qbo", "DELETE");
    await requests("hubspot", "DELETE");
    await reconcile();
    const searched = (await requests("hubspot")).filter((r) => r.path === "/crm/v3/objects/contacts/search");
    expect(searched.length).toBeGreaterThan(0);
    expect((await requests("qbo")).filter((r) => r.path.endsWith(`/customer/${linked!.qboId}`))).toEqual([]);
    expect(await ledger(created.body.id)).toHaveLength(1);

    // A real change later is not an echo: it travels.
    clock.advance(60_000);
    await stack.hs("PATCH", `/crm/v3/objects/contacts/${created.body.id}`, {
      properties: { lastname: "Found" },
    });
    clock.advance(60_000);
    await reconcile();
    const after = (await stack.qboApi(us, "GET", `/customer/${linked!.qboId}`)).body.Customer;
    expect(after.FamilyName).toBe("Found");
  });

  it("makes the QBO customer inactive when its linked contact is archived in HubSpot (archive rule)", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
      s.contacts.deleteRule = "archive";
    });
    const created = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Gone", lastname: "Quietly", email: "gone.quietly@example.com" },
    });
    clock.advance(60_000);
    await reconcile();
    const linked = await link(created.body.id);
    expect(linked?.archived).toBe(false);
    expect((await stack.hs("DELETE", `/crm/v3/objects/contacts/${created.body.id}`)).status).toBe(204);
    clock.advance(60_000);
    await reconcile();
    const customer = (await stack.qboApi(us, "GET", `/customer/${linked!.qboId}`)).body.Customer;
    expect(customer.Active).toBe(false);
    expect((await link(created.body.id))?.archived).toBe(true);
    expect((await ledger(created.body.id))[0]).toMatchObject({ outcome: "ok", trigger: "timer" });

    // Once marked archived, later reconciles leave it alone (no ledger line, no QBO write).
    clock.advance(60_000);
    await reconcile();
    expect(await ledger(created.body.id)).toHaveLength(2);
  });

  it("makes the QBO item inactive when its linked product is archived in HubSpot, not with the keep rule", async () => {
    await settings((s) => {
      s.products.enabled = true;
      s.products.direction = "to_qbo";
      s.products.deleteRule = "archive";
    });
    const kept = await stack.hs("POST", "/crm/v3/objects/products", {
      properties: { name: "Kept Widget", hs_sku: "KEPT-1", price: "4" },
    });
    const gone = await stack.hs("POST", "/crm/v3/objects/products", {
      properties: { name: "Retired Widget", hs_sku: "RET-1", price: "7.25" },
    });
    clock.advance(60_000);
    await reconcile();
    const keptLink = await link(kept.body.id);
    const goneLink = await link(gone.body.id);
    const item = (await stack.qboApi(us, "GET", `/item/${goneLink!.qboId}`)).body.Item;
    expect(item).toMatchObject({ Name: "Retired Widget", Sku: "RET-1", UnitPrice: 7.25, Active: true });

    await stack.hs("DELETE", `/crm/v3/objects/products/${gone.body.id}`);
    clock.advance(60_000);
    await reconcile();
    expect((await stack.qboApi(us, "GET", `/item/${goneLink!.qboId}`)).body.Item.Active).toBe(false);

    // The keep rule: an archived product leaves its item active, and the listing is not even made.
    await settings((s) => {
      s.products.enabled = true;
      s.products.direction = "to_qbo";
      s.products.deleteRule = "none";
    });
    await stack.hs("DELETE", `/crm/v3/objects/products/${kept.body.id}`);
    clock.advance(60_000);
    await requests("hubspot", "DELETE");
    await reconcile();
    expect((await stack.qboApi(us, "GET", `/item/${keptLink!.qboId}`)).body.Item.Active).toBe(true);
    const listed = (await requests("hubspot")).filter((r) => r.path === "/crm/v3/objects/products");
    expect(listed).toEqual([]);
  });

  it("reconciles HubSpot companies, not contacts, when customers sync as companies", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
      s.contacts.customerAs = "company";
    });
    const company = await stack.hs("POST", "/crm/v3/objects/companies", {
      properties: { name: "Missed Hook Ltd", domain: "missed-hook.example" },
    });
    const contact = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Not", lastname: "Synced", email: "not.synced@example.com" },
    });
    clock.advance(60_000);
    await requests("hubspot", "DELETE");
    await reconcile();
    const linked = await link(company.body.id);
    expect(linked?.kind).toBe("company");
    const customer = (await stack.qboApi(us, "GET", `/customer/${linked!.qboId}`)).body.Customer;
    expect(customer.CompanyName ?? customer.DisplayName).toContain("Missed Hook Ltd");
    expect(await link(contact.body.id)).toBeUndefined();
    const paths = (await requests("hubspot")).map((r) => r.path);
    expect(paths).toContain("/crm/v3/objects/companies/search");
    expect(paths).not.toContain("/crm/v3/objects/contacts/search");
  });

  it("reads nothing for contacts, companies and products when their sync is off, and does not replay that time", async () => {
    await settings(() => undefined);
    const whileOff = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "While", lastname: "Off", email: "while.off@example.com" },
    });
    clock.advance(10 * 60_000);
    await requests("hubspot", "DELETE");
    await reconcile();
    const touched = (await requests("hubspot")).filter((r) =>
      /^\/crm\/v3\/objects\/(contacts|companies|products)(\/|$)/.test(r.path),
    );
    expect(touched).toEqual([]);

    // Turned on later: what changed while it was off is not replayed (the webhook would have been
    // dropped too); what changes from now on travels.
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
    });
    const afterOn = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "After", lastname: "On", email: "after.on@example.com" },
    });
    clock.advance(60_000);
    await reconcile();
    expect(await link(whileOff.body.id)).toBeUndefined();
    expect(await link(afterOn.body.id)).toBeDefined();
  });
  it("resumes a reconcile cut short by a vendor fault after the last page it handled (issue 16, item 1)", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_qbo";
    });
    clock.advance(60_000);
    await reconcile(); // everything earlier is behind the checkpoint now
    const emails: string[] = [];
    for (let b = 0; b < 3; b++) {
      const inputs = Array.from({ length: 100 }, (_, i) => {
        const email = `paged.${b * 100 + i}@example.com`;
        emails.push(email);
        return { properties: { firstname: "Paged", lastname: `Contact ${b * 100 + i}`, email } };
      });
      expect((await stack.hs("POST", "/crm/v3/objects/contacts/batch/create", { inputs })).status).toBe(201);
    }
    clock.advance(60_000);
    const search = "/crm/v3/objects/contacts/search";
    const control = (method: string, body?: unknown) =>
      stack.hubspot.fetch(
        new Request(`${stack.urls.hubspot}/__emulator/faults`, {
          method,
          headers: { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    let progressed = 0;
    const run = () =>
      reconcileHubSpotRecordsHandler(
        { db: db().db, clock, clients: stack.clients },
        {
          payload: { portalId: stack.portalId, objectType: "contacts" },
          jobId: "test",
          log: silentLogger,
          retryCount: 0,
          progress: async () => void (progressed += 1),
        },
      );
    // The first page (200 contacts) answers; every later search fails past the client's retries.
    await control("POST", { method: "POST", path: search, status: 503, skip: 1 });
    await expect(run()).rejects.toThrow(/reconcile/);
    await control("DELETE");
    const linkedAfterFault = await linkedCount(emails);
    // The first page is 200 records modified since the checkpoint (a record of an earlier test may be among them).
    expect(linkedAfterFault).toBeGreaterThan(190);
    expect(linkedAfterFault).toBeLessThanOrEqual(200);
    // The failed attempt moved forward with every record it applied, not only with the saved page.
    expect(progressed).toBeGreaterThanOrEqual(linkedAfterFault);

    await requests("hubspot", "DELETE");
    await requests("qbo", "DELETE");
    await run();
    // One search from the saved place (the last ~100), not two from the start; no first-page write again.
    expect((await requests("hubspot")).filter((r) => r.path === search)).toHaveLength(1);
    const creates = (await requests("qbo")).filter(
      (r) => r.method === "POST" && r.path.endsWith("/customer"),
    );
    expect(creates.length).toBe(300 - linkedAfterFault);
    expect(await linkedCount(emails)).toBe(300);
    for (const email of emails.slice(0, 3).concat(emails.slice(-3))) {
      const found = await stack.qboApi(
        us,
        "GET",
        `/query?query=${encodeURIComponent(`select * from Customer where PrimaryEmailAddr = '${email}'`)}`,
      );
      expect(found.body.QueryResponse.Customer ?? []).toHaveLength(1);
    }
  });

  async function linkedCount(emails: string[]): Promise<number> {
    let n = 0;
    for (const email of emails) {
      const found = await stack.hs("POST", "/crm/v3/objects/contacts/search", {
        filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: email }] }],
        limit: 1,
      });
      const id = found.body.results[0]?.id as string | undefined;
      if (id && (await link(id))) n += 1;
    }
    return n;
  }
});
