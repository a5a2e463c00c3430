import { describe, expect, it } from "vitest";
import type { HsChange } from "./contract.ts";
import { testPortal } from "./test-support.ts";

describe("the core the extensions use (contract.ts) (X-HS)", () => {
  it("reports creations, property changes, associations and deletions with who made them", async () => {
    const { emulator, call, portalId } = testPortal();
    const changes: HsChange[] = [];
    emulator.core.onChange((c) => changes.push(c));
    const contact = (await (
      await call("POST", "/crm/v3/objects/contacts", { properties: { email: "e@x.io" } })
    ).json()) as { id: string };
    const deal = (await (
      await call("POST", "/crm/v3/objects/deals", {
        properties: { dealname: "D" },
        associations: [
          {
            to: { id: contact.id },
            types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }],
          },
        ],
      })
    ).json()) as { id: string };
    await call("DELETE", `/crm/v3/objects/contacts/${contact.id}`);

    const summary = changes.map(
      (c) => `${c.kind}:${c.objectType}:${c.propertyName ?? c.association?.toObjectType ?? ""}`,
    );
    expect(summary).toEqual([
      "creation:contacts:",
      "propertyChange:contacts:email",
      "creation:deals:",
      "propertyChange:deals:dealname",
      "propertyChange:deals:pipeline",
      "associationChange:deals:contacts",
      "associationChange:contacts:deals",
      "deletion:contacts:",
    ]);
    expect(
      changes.every(
        (c) => c.changeSource === "INTEGRATION" && c.sourceAppId === 1 && c.portalId === portalId,
      ),
    ).toBe(true);
    expect(changes[5]?.association).toEqual({
      toObjectType: "contacts",
      toObjectId: contact.id,
      associationTypeId: 3,
      removed: false,
    });
    expect(emulator.core.associatedIds(portalId, "deal", deal.id, "contact")).toEqual([]);
  });

  it("lets a workflow update a record and reports it with the given source", async () => {
    const { emulator, call, portalId } = testPortal();
    const deal = (await (
      await call("POST", "/crm/v3/objects/deals", { properties: { dealname: "D" } })
    ).json()) as { id: string };
    const changes: HsChange[] = [];
    emulator.core.onChange((c) => changes.push(c));
    const updated = emulator.core.updateRecord(
      portalId,
      "deals",
      deal.id,
      { dealstage: "closedwon" },
      "WORKFLOW",
    );
    expect(updated?.properties.dealstage).toBe("closedwon");
    expect(changes[0]).toMatchObject({
      kind: "propertyChange",
      propertyName: "dealstage",
      changeSource: "WORKFLOW",
    });
    expect(
      emulator.core.updateRecord(portalId, "deals", deal.id, { dealstage: "nope" }, "WORKFLOW"),
    ).toBeUndefined();
    expect(emulator.core.propertyLabel(portalId, "deals", "dealstage")).toBe("Deal Stage");
    expect(emulator.core.getRecord(portalId, "0-3", deal.id)?.id).toBe(deal.id);
  });

  it("recomputes invoice and quote totals from their line items (reported as CALCULATED)", async () => {
    const { emulator, call } = testPortal();
    const invoice = (await (
      await call("POST", "/crm/v3/objects/invoices", { properties: { hs_currency: "USD" } })
    ).json()) as { id: string };
    const changes: HsChange[] = [];
    emulator.core.onChange((c) => changes.push(c));
    const item = (await (
      await call("POST", "/crm/v3/objects/line_items", {
        properties: { price: "100", quantity: "2", discount: "10" },
        associations: [{ to: { id: invoice.id }, types: [{ associationTypeId: 410 }] }],
      })
    ).json()) as { id: string; properties: Record<string, string> };
    expect(item.properties.amount).toBe("180");
    const billed = changes.find((c) => c.propertyName === "hs_amount_billed");
    expect(billed).toMatchObject({ propertyValue: "180", changeSource: "CALCULATED" });
    await call("PATCH", `/crm/v3/objects/line_items/${item.id}`, { properties: { quantity: "1" } });
    const read = await (
      await call("GET", `/crm/v3/objects/invoices/${invoice.id}?properties=hs_amount_billed,hs_balance_due`)
    ).json();
    expect(read).toMatchObject({ properties: { hs_amount_billed: "90", hs_balance_due: "90" } });
  });

  it("authenticates developer APIs by hapikey or the app's client secret", () => {
    const { emulator } = testPortal();
    const core = emulator.core;
    expect(
      core.authenticateDeveloper(
        new Request("http://h/webhooks/v3/1/settings?hapikey=ledgerlink-dev-hapikey"),
        1,
      ),
    ).toBeUndefined();
    const bearer = new Request("http://h/x", { headers: { authorization: "Bearer ledgerlink-dev-secret" } });
    expect(core.authenticateDeveloper(bearer, 1)).toBeUndefined();
    expect(core.authenticateDeveloper(new Request("http://h/x?hapikey=wrong"), 1)?.status).toBe(401);
    expect(core.authenticateDeveloper(new Request("http://h/x"), 99)?.status).toBe(404);
  });
  it("workflow-action callbacks need a real access token, as HubSpot's OAuth APIs do", async () => {
    const { call } = testPortal();
    const body = { outputFields: { hs_execution_state: "SUCCESS" } };
    const forged = await call(
      "POST",
      "/automation/v4/actions/callbacks/no-such/complete",
      body,
      "forged-token",
    );
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ status: "error", category: "INVALID_AUTHENTICATION" });
    const unknown = await call("POST", "/automation/v4/actions/callbacks/no-such/complete", body);
    expect(unknown.status).toBe(404);
  });
});
