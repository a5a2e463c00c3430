import { expect, it } from "vitest";
import type { HttpClient } from "../../connectors/http-client.ts";
import { ok } from "../../lib/result.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { DEAL_FACTS_FRESH_MS, refreshDealFacts } from "./deal-facts.ts";

/** A HubSpot that answers the deal, owner and pipeline reads with `state`, and counts the calls. */
function fakeHubSpot(state: { owner: string }) {
  const paths: string[] = [];
  const bodies: Record<string, () => unknown> = {
    "/crm/v3/objects/deals/d1": () => ({
      id: "d1",
      properties: { hubspot_owner_id: state.owner, pipeline: "default" },
    }),
    "/crm/v3/objects/deals/d2": () => ({
      id: "d2",
      properties: { hubspot_owner_id: state.owner, pipeline: "default" },
    }),
    "/crm/v3/owners/o1": () => ({ id: "o1", firstName: "Ana", lastName: "Ito" }),
    "/crm/v3/owners/o2": () => ({ id: "o2", firstName: "Ben", lastName: "Carter" }),
    "/crm/v3/pipelines/deals/default": () => ({ id: "default", label: "Sales Pipeline" }),
  };
  const http: HttpClient = {
    request: async (req) => {
      paths.push(req.path);
      const body = bodies[req.path]!();
      return ok({
        status: 200,
        headers: new Headers(),
        body: (req.schema ? req.schema.parse(body) : body) as never,
      });
    },
  };
  return { http, paths };
}

describeEachBackend("deal facts for the reports (W4)", (db) => {
  it("reads a deal's owner and pipeline at most once per freshness window", async () => {
    const state = { owner: "o1" };
    const hubspot = fakeHubSpot(state);
    const at = (ms: number) => new Date(Date.parse("2026-08-01T10:00:00Z") + ms);
    const portal = await signedInPortal(db().db, "facts", at(0));
    const target = { portalId: portal.portalId, dealId: "d1" };
    const facts = () =>
      db().db.selectFrom("dealFacts").selectAll().where("dealId", "=", "d1").executeTakeFirstOrThrow();

    expect((await refreshDealFacts(hubspot.http, db().db, target, at(0))).ok).toBe(true);
    expect(hubspot.paths).toHaveLength(3);
    expect(await facts()).toMatchObject({ ownerName: "Ana Ito", pipelineLabel: "Sales Pipeline" });

    // A second invoice change moments later: nothing read, the facts stand.
    state.owner = "o2";
    await refreshDealFacts(hubspot.http, db().db, target, at(DEAL_FACTS_FRESH_MS - 1));
    expect(hubspot.paths).toHaveLength(3);

    // Past the window the next change reads again and sees the new owner.
    await refreshDealFacts(hubspot.http, db().db, target, at(DEAL_FACTS_FRESH_MS));
    expect(hubspot.paths).toHaveLength(6);
    expect(await facts()).toMatchObject({ ownerId: "o2", ownerName: "Ben Carter" });
  });

  it("takes the owner's name and the pipeline's label another deal was given within the window", async () => {
    const state = { owner: "o1" };
    const hubspot = fakeHubSpot(state);
    const at = (ms: number) => new Date(Date.parse("2026-09-01T10:00:00Z") + ms);
    const portal = await signedInPortal(db().db, "shared", at(0));
    const deal = (dealId: string) => ({ portalId: portal.portalId, dealId });
    const facts = (dealId: string) =>
      db()
        .db.selectFrom("dealFacts")
        .selectAll()
        .where("portalId", "=", portal.portalId)
        .where("dealId", "=", dealId)
        .executeTakeFirstOrThrow();

    await refreshDealFacts(hubspot.http, db().db, deal("d1"), at(0));
    await refreshDealFacts(hubspot.http, db().db, deal("d2"), at(1000));
    // The second deal's own read only: its owner and pipeline were named for the first.
    expect(hubspot.paths.slice(3)).toEqual(["/crm/v3/objects/deals/d2"]);
    expect(await facts("d2")).toMatchObject({ ownerName: "Ana Ito", pipelineLabel: "Sales Pipeline" });

    // Another owner, or the same past the window, is read from HubSpot.
    state.owner = "o2";
    await refreshDealFacts(hubspot.http, db().db, deal("d1"), at(DEAL_FACTS_FRESH_MS));
    expect(hubspot.paths.slice(4)).toEqual(["/crm/v3/objects/deals/d1", "/crm/v3/owners/o2"]);
    await refreshDealFacts(hubspot.http, db().db, deal("d2"), at(2 * DEAL_FACTS_FRESH_MS + 1000));
    expect(hubspot.paths.slice(6)).toEqual([
      "/crm/v3/objects/deals/d2",
      "/crm/v3/owners/o2",
      "/crm/v3/pipelines/deals/default",
    ]);
  });
});
