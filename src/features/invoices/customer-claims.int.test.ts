import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { releaseCustomerClaim } from "../record-sync/repo/customer-claims.ts";
import { CONTACT_KIND } from "../record-sync/kinds.ts";
import { qboSide } from "../record-sync/sides/qbo-side.ts";
import { syncSettingsSchema } from "../settings/schema.ts";
import { createUniqueCustomer } from "./customer.ts";

/**
 * ADR 0033 (issue 16, "order, not races"): two users creating invoices at the same moment for the
 * same new contact got "John Smith" and "John Smith (2)". Customer creation is now serialised per
 * company and identity, and matches again at push time: one QBO customer, whoever asks.
 */
describeEachBackend("one QBO customer for one new contact, however many ask at once", (db) => {
  const clock = new ManualClock("2026-06-04T09:00:00Z");
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(db(), clock);
  });
  afterAll(() => stack.close());

  const deps = () => ({ db: db().db, clock });
  const customersNamed = async (prefix: string) => {
    const q = `SELECT * FROM Customer WHERE DisplayName LIKE '${prefix}%'`;
    const res = await stack.qboApi(
      stack.companies.us.realmId,
      "GET",
      `/query?query=${encodeURIComponent(q)}`,
    );
    return (res.body.QueryResponse.Customer ?? []) as Array<{ Id: string; DisplayName: string }>;
  };
  const wizardCreate = (draft: string, who: { displayName: string; email?: string }) =>
    createUniqueCustomer(
      stack.clients.qbo(stack.companies.us),
      { ...who, givenName: "x" },
      ["draft", draft],
      {
        deps: deps(),
        realmId: stack.companies.us.realmId,
      },
    );

  it("three drafts pushed at once for one new contact (same e-mail): one customer, the same id for all", async () => {
    const who = { displayName: "John Smith", email: "john.smith@new.example" };
    const got = await Promise.all(["d1", "d2", "d3"].map((d) => wizardCreate(d, who)));
    const ids = got.map((g) => (g.ok ? g.value.id : g.error.message));
    expect(new Set(ids).size).toBe(1);
    expect((await customersNamed("John Smith")).map((c) => c.DisplayName)).toEqual(["John Smith"]);
    // Later, as a lone request, it is found again in QuickBooks (the match at push time).
    clock.advance(3600_000);
    const later = await wizardCreate("d4", who);
    expect(later.ok && later.value.id).toBe(ids[0]);
    expect(await customersNamed("John Smith")).toHaveLength(1);
  });

  it("without an e-mail the name is the identity: one customer", async () => {
    const got = await Promise.all(["e1", "e2"].map((d) => wizardCreate(d, { displayName: "Noemi Noemail" })));
    expect(new Set(got.map((g) => (g.ok ? g.value.id : "")))).toHaveLength(1);
    expect(await customersNamed("Noemi Noemail")).toHaveLength(1);
  });

  it("the wizard's push and record sync creating the same contact at once: one customer", async () => {
    const settings = syncSettingsSchema.parse({});
    const { us } = stack.companies;
    const side = qboSide(CONTACT_KIND, stack.clients.qbo(us), us, settings, deps());
    const [fromSync, fromWizard] = await Promise.all([
      side.create({
        sourceId: "hs-contact-9001",
        identity: { email: "ken.race@new.example", firstName: "Ken", lastName: "Race" },
        label: "Ken Race",
        values: {},
        pairs: [],
      }),
      wizardCreate("f1", { displayName: "Ken Race", email: "ken.race@new.example" }),
    ]);
    expect(fromSync.ok && fromSync.value?.id).toBe(fromWizard.ok && fromWizard.value.id);
    expect(await customersNamed("Ken Race")).toHaveLength(1);
  });

  it("another process holding the claim is waited for, and its customer is used", async () => {
    const { us } = stack.companies;
    const other = {
      realmId: us.realmId,
      identityKey: "email:ola.other@new.example",
      holder: "other-process",
    };
    await db()
      .db.insertInto("customerClaims")
      .values({
        ...other,
        expiresAt: new Date(clock.now().getTime() + 60_000),
        customerId: null,
        customerAt: null,
      })
      .execute();
    let waits = 0;
    const got = await createUniqueCustomer(
      stack.clients.qbo(us),
      { displayName: "Ola Other", email: "ola.other@new.example" },
      ["draft", "g1"],
      {
        realmId: us.realmId,
        deps: {
          db: db().db,
          clock,
          // While we wait, the other process creates the customer and lets go of the claim.
          sleep: async () => {
            waits += 1;
            if (waits > 1) return;
            const made = await stack.qboApi(us.realmId, "POST", "/customer", {
              DisplayName: "Ola Other",
              PrimaryEmailAddr: { Address: "ola.other@new.example" },
            });
            await releaseCustomerClaim(db().db, other, clock.now(), String(made.body.Customer.Id));
          },
        },
      },
    );
    expect(waits).toBe(1);
    const customers = await customersNamed("Ola Other");
    expect(customers).toHaveLength(1);
    expect(got.ok && got.value).toEqual({ id: customers[0]!.Id, displayName: "Ola Other" });
  });
});
