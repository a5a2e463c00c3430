import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { pullQboChanges } from "../changes/jobs.ts";
import { syncSettingsSchema, type ContactFilters } from "../settings/schema.ts";
import { ensureSyncSetup } from "../settings/setup.ts";
import { saveSettings } from "../settings/store.ts";
import { CONTACT_KIND } from "./kinds.ts";
import { applyToEachCompany } from "./rules.ts";

/**
 * The contact sync filters (C5) against both emulators: a HubSpot contact enters the sync to QBO
 * only when it is in one of the chosen lists (read through the Lists API v3 memberships of the
 * HubSpot emulator), has one of the chosen lifecycle stages, and meets every property condition.
 * HubSpot changes enter where the webhook rule hands them over (applyToEachCompany); the decision
 * it returns is what the ledger records.
 */
describeEachBackend("contact sync filters: lists, lifecycle stage, property conditions (C5)", (db) => {
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
    await stack.queue.enqueue(db().db, pullQboChanges, { connectionId: conn, reason: "timer" });
    await stack.drain();
  });
  afterAll(() => stack.close());
  beforeEach(() => clock.advance(5 * 60_000));

  async function filterBy(filters: Partial<ContactFilters>) {
    const s = syncSettingsSchema.parse({});
    s.contacts.enabled = true;
    s.contacts.direction = "to_qbo";
    s.contacts.filters = { lifecycleStages: [], listIds: [], conditions: [], ...filters };
    await saveSettings(db().db, conn, s, clock.now());
  }
  async function contact(properties: Record<string, string>): Promise<string> {
    const res = await stack.hs("POST", "/crm/v3/objects/contacts", { properties });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const fromHubSpot = (id: string) =>
    applyToEachCompany(
      { db: db().db, clock, clients: stack.clients },
      stack.portalId,
      CONTACT_KIND,
      id,
      false,
    );
  /** The reasons a skipped contact was not synced, one per connected company (the other one has sync off). */
  async function refusals(id: string): Promise<string[]> {
    const result = await fromHubSpot(id);
    expect(result?.outcome).toBe("skipped");
    return result!.decision.split("; ");
  }
  async function customerOf(hubspotId: string) {
    const link = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("hubspotId", "=", hubspotId)
      .where("connectionId", "=", conn)
      .executeTakeFirst();
    if (!link) return undefined;
    const res = await stack.qboApi(us, "GET", `/customer/${link.qboId}`);
    return res.body.Customer as { DisplayName: string; PrimaryEmailAddr?: { Address: string } };
  }
  async function displayNames(like: string): Promise<string[]> {
    const sql = `SELECT * FROM Customer WHERE DisplayName LIKE '${like}%'`;
    const res = await stack.qboApi(us, "GET", `/query?query=${encodeURIComponent(sql)}`);
    return ((res.body.QueryResponse.Customer ?? []) as Array<{ DisplayName: string }>).map(
      (c) => c.DisplayName,
    );
  }

  it("creates in QBO a contact in the chosen manual list, and not one outside it", async () => {
    const created = await stack.hs("POST", "/crm/v3/lists", {
      name: "Sync to QuickBooks",
      objectTypeId: "0-1",
      processingType: "MANUAL",
    });
    expect(created.status).toBe(200);
    const listId = created.body.list.listId as string;
    const member = await contact({ firstname: "Lisa", lastname: "Member", email: "lisa.member@example.com" });
    const outsider = await contact({ firstname: "Otto", lastname: "Outsider", email: "otto@example.com" });
    const added = await stack.hs("PUT", `/crm/v3/lists/${listId}/memberships/add`, [member]);
    expect(added.body.recordsIdsAdded).toEqual([member]);
    await filterBy({ listIds: [listId] });

    const inList = await fromHubSpot(member);
    expect(inList?.outcome).toBe("ok");
    expect(await customerOf(member)).toMatchObject({
      DisplayName: "Lisa Member",
      PrimaryEmailAddr: { Address: "lisa.member@example.com" },
    });

    expect(await refusals(outsider)).toContain(
      `HubSpot contact ${outsider} is not synced: not a member of list ${listId}`,
    );
    expect(await customerOf(outsider)).toBeUndefined();
    expect(await displayNames("Otto Outsider")).toEqual([]);

    // Once the outsider joins the list, its next change brings it in.
    await stack.hs("PUT", `/crm/v3/lists/${listId}/memberships/add`, [outsider]);
    expect((await fromHubSpot(outsider))?.outcome).toBe("ok");
    expect((await customerOf(outsider))?.DisplayName).toBe("Otto Outsider");
  });

  it("lets through only the chosen lifecycle stages", async () => {
    await filterBy({ lifecycleStages: ["customer", "opportunity"] });
    const customer = await contact({ firstname: "Cara", lastname: "Stage", lifecyclestage: "customer" });
    const lead = await contact({ firstname: "Leo", lastname: "Stage", lifecyclestage: "lead" });
    const none = await contact({ firstname: "Nina", lastname: "Stage" });

    expect((await fromHubSpot(customer))?.outcome).toBe("ok");
    expect((await customerOf(customer))?.DisplayName).toBe("Cara Stage");
    expect(await refusals(lead)).toContain(
      `HubSpot contact ${lead} is not synced: lifecycle stage "lead" is not one of customer, opportunity`,
    );
    expect(await refusals(none)).toContain(
      `HubSpot contact ${none} is not synced: lifecycle stage "none" is not one of customer, opportunity`,
    );
    expect(await displayNames("Leo Stage")).toEqual([]);
    expect(await displayNames("Nina Stage")).toEqual([]);
  });

  it("requires every property condition: equals (any case) and has a value", async () => {
    await filterBy({
      conditions: [
        { property: "company", operator: "eq", value: "Acme Corp" },
        { property: "phone", operator: "has_value", value: "" },
      ],
    });
    const both = await contact({
      firstname: "Pat",
      lastname: "Both",
      company: "ACME corp",
      phone: "+1 555 0100",
    });
    const wrongCompany = await contact({
      firstname: "Wes",
      lastname: "Wrong",
      company: "Globex",
      phone: "+1 555 0101",
    });
    const noPhone = await contact({ firstname: "Nick", lastname: "Nophone", company: "Acme Corp" });

    expect((await fromHubSpot(both))?.outcome).toBe("ok");
    expect(await customerOf(both)).toBeDefined();
    expect(await refusals(wrongCompany)).toContain(
      `HubSpot contact ${wrongCompany} is not synced: company = "Acme Corp" does not hold`,
    );
    expect(await refusals(noPhone)).toContain(
      `HubSpot contact ${noPhone} is not synced: phone has a value does not hold`,
    );
    expect(await customerOf(wrongCompany)).toBeUndefined();
    expect(await customerOf(noPhone)).toBeUndefined();
  });
});
