import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend, openTestDatabase } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { HUBSPOT_SCOPES } from "../../connectors/hubspot/oauth.ts";
import { signatureHeaders } from "../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../lib/clock.ts";
import { loadSettings } from "../settings/store.ts";
import { CHANGE_RIGHT_TTL_MS } from "./access.ts";
import { createSession, upsertUser } from "./repo/sessions.ts";

/** A valid change of the Sync settings page (the contacts tab), as sync-pages.int.test.ts posts it. */
const CONTACTS_CHANGE = {
  enabled: "on",
  direction: "to_qbo",
  createUpdate: "create_and_update",
  deleteRule: "archive",
  winner: "hubspot",
  customerAs: "contact",
  lifecycleStages: "customer",
  listIds: "",
  behaviour: "legacy",
};

/** Access control (issue 17, deliverable 5; ADR 0024), against the HubSpot emulator. */
describeEachBackend("access control: portals served, and changes by super admins only", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  /** A portal of the same emulator that never signed in. */
  let strangerPortal: number;

  beforeAll(async () => {
    // The order matters: the emulator numbers portals, and the stack's is the first.
    stack = await startStack(db(), clock);
    strangerPortal = stack.hubspot.createPortal({ seed: "demo" });
  });
  afterAll(() => stack.close());

  /** "Sign in with HubSpot" for a portal: our consent redirect, the user's approval, our callback. */
  async function signIn(s: Stack, portalId: number, headers: Record<string, string> = {}) {
    const start = await s.app.request("/auth/hubspot?next=/connections");
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const oauth = s.hubspot.world.oauth;
    const code = oauth.issueCode(
      oauth.appByClientId(HUBSPOT_APP.clientId)!,
      `${s.urls.ledgerlink}/oauth/hubspot/callback`,
      s.hubspot.world.portal(portalId)!.settings,
      [...HUBSPOT_SCOPES],
    );
    return s.app.request(`/oauth/hubspot/callback?code=${code}&state=${state}`, { headers });
  }
  const stored = async (portalId: number) => ({
    portals: await db()
      .db.selectFrom("portals")
      .select("portalId")
      .where("portalId", "=", String(portalId))
      .execute(),
    users: await db()
      .db.selectFrom("users")
      .select("userId")
      .where("portalId", "=", String(portalId))
      .execute(),
  });

  it("refuses sign-in from a second portal once the first has claimed the instance, in English and Japanese", async () => {
    const refused = await signIn(stack, strangerPortal, { "accept-language": "en" });
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain("This Ledgerlink does not serve this HubSpot account");
    expect(page).toContain(String(strangerPortal));
    expect(refused.headers.get("set-cookie") ?? "").not.toContain("ll_session=");
    const ja = await (await signIn(stack, strangerPortal, { "accept-language": "ja" })).text();
    expect(ja).toContain("この Ledgerlink はこの HubSpot アカウントを対象としていません");
    expect(await stored(strangerPortal)).toEqual({ portals: [], users: [] });
    // The claiming portal still signs in.
    expect((await signIn(stack, stack.hubspotPortalId)).status).toBe(302);
  });

  it("refuses a card fetch for that portal, signed as HubSpot signs it, and stores nothing", async () => {
    const url = `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams({
      portalId: String(strangerPortal),
      associatedObjectId: "100001",
      associatedObjectType: "DEAL",
      userId: "1",
      userEmail: "someone@example.com",
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
    expect(res.status).toBe(403);
    expect((await res.json()).error).toContain("この Ledgerlink インスタンスの対象ではない");
    expect(await stored(strangerPortal)).toEqual({ portals: [], users: [] });
  });

  /** A POST signed as HubSpot signs its webhooks and workflow-action calls (v3 beside v2). */
  const signedPost = (path: string, body: unknown) => {
    const url = `${stack.urls.ledgerlink}${path}`;
    const text = JSON.stringify(body);
    const headers = signatureHeaders({
      clientSecret: HUBSPOT_APP.clientSecret,
      method: "POST",
      url,
      body: text,
      now: clock.now(),
      legacy: "v2",
    });
    return stack.route(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: text,
    });
  };

  it("refuses a webhook delivery and a workflow-action call for that portal, storing nothing", async () => {
    const inbox = () => db().db.selectFrom("webhookInbox").selectAll().execute();
    const before = await inbox();
    const event = {
      eventId: 9001,
      subscriptionId: 1,
      portalId: strangerPortal,
      appId: HUBSPOT_APP.appId,
      occurredAt: clock.now().getTime(),
      subscriptionType: "deal.creation",
      attemptNumber: 0,
      objectId: 100001,
      changeSource: "CRM_UI",
    };
    const hook = await signedPost("/webhooks/hubspot", [event]);
    expect(hook.status).toBe(403);
    expect((await hook.json()).error).toContain(`HubSpot portal ${strangerPortal} is not served`);
    expect(await inbox()).toEqual(before);

    const executions = () => db().db.selectFrom("workflowExecutions").selectAll().execute();
    const runsBefore = await executions();
    const call = await signedPost("/hubspot/workflow-actions/create-invoice", {
      callbackId: "ap-stranger-1",
      origin: { portalId: strangerPortal, actionDefinitionId: 1 },
      context: { workflowId: 1 },
      object: { objectId: 100001, objectType: "DEAL" },
      inputFields: {},
    });
    expect(call.status).toBe(403);
    expect(await executions()).toEqual(runsBefore);
  });

  it("honours HUBSPOT_ALLOWED_PORTALS: a listed portal signs in, an unlisted one does not", async () => {
    // A stack of its own (its own database and emulator): the emulator numbers portals from
    // 20000001, the stack's own first, so the next one is 20000002.
    const own = await openTestDatabase({ kind: "pglite" });
    const listed = await startStack(own, clock, { alsoAllowed: ["20000002"] });
    try {
      expect(listed.hubspot.createPortal({ seed: "demo" })).toBe(20000002);
      const unlisted = listed.hubspot.createPortal({ seed: "demo" });
      const rows = (portalId: number) =>
        own.db.selectFrom("portals").select("portalId").where("portalId", "=", String(portalId)).execute();
      expect((await signIn(listed, 20000002)).status).toBe(302);
      expect(await rows(20000002)).toHaveLength(1);
      expect((await signIn(listed, unlisted)).status).toBe(403);
      expect(await rows(unlisted)).toEqual([]);
    } finally {
      await listed.close();
      await own.close();
    }
  });

  /** A Ledgerlink session for a user of the stack's portal who is not a super admin (the seed's Aiko). */
  async function salesRep() {
    const portal = stack.hubspot.world.portal(stack.hubspotPortalId)!;
    const aiko = portal.users.find((u) => !u.superAdmin)!;
    const userId = await upsertUser(
      db().db,
      { portalId: stack.portalId, hubspotUserId: aiko.id, email: aiko.email },
      clock.now(),
    );
    const session = await createSession(db().db, userId, stack.portalId, clock.now());
    return { aiko, cookie: `ll_session=${session}; ll_csrf=${stack.user.csrf}` };
  }
  const post = (cookie: string, path: string, fields: Record<string, string>) =>
    stack.app.request(path, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: stack.user.csrf, ...fields }).toString(),
    });

  it("lets a non-admin read the settings pages, with the controls off and the reason said", async () => {
    const { cookie } = await salesRep();
    const conn = stack.companies.us.connectionId;
    for (const path of [`/sync?company=${conn}&tab=contacts`, "/mappings", "/automations", "/connections"]) {
      const res = await stack.app.request(path, { headers: { cookie, "accept-language": "en" } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain("Only a HubSpot super admin can change this.");
      expect(html, path).toContain('<fieldset class="read-only" disabled="">');
    }
    const admin = await stack.app.request("/mappings", { headers: { cookie: stack.user.cookie } });
    expect(await admin.text()).not.toContain("data-read-only");
  });

  it("refuses a non-admin's change with 403 and changes nothing; a super admin's goes through", async () => {
    const { cookie } = await salesRep();
    const conn = stack.companies.us.connectionId;
    const before = await loadSettings(db().db, conn);
    const refused = await post(cookie, `/sync/${conn}/contacts`, CONTACTS_CHANGE);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only a HubSpot super admin can change this.");
    expect(await loadSettings(db().db, conn)).toEqual(before);
    const rules = () => db().db.selectFrom("automationRules").selectAll().execute();
    const rulesBefore = await rules();
    expect((await post(cookie, "/automations", { name: "x" })).status).toBe(403);
    expect((await post(cookie, `/connections/qbo/${conn}/disconnect`, {})).status).toBe(403);
    expect(await rules()).toEqual(rulesBefore);

    const allowed = await post(stack.user.cookie, `/sync/${conn}/contacts`, CONTACTS_CHANGE);
    expect(allowed.status).toBe(303);
    expect((await loadSettings(db().db, conn)).contacts.direction).toBe("to_qbo");
  });

  it("asks HubSpot again after a minute, and refuses changes when HubSpot cannot be reached", async () => {
    const { aiko, cookie } = await salesRep();
    const conn = stack.companies.us.connectionId;
    const control = (method: string, path: string, body: unknown) =>
      stack.route(`${stack.urls.hubspot}/__emulator${path}`, { method, body: JSON.stringify(body) });
    // Promoted in HubSpot: the cached "not an admin" holds for a minute, then the new answer counts.
    await control("PATCH", `/portals/${stack.hubspotPortalId}/users/${aiko.id}`, { superAdmin: true });
    expect((await post(cookie, `/sync/${conn}/contacts`, CONTACTS_CHANGE)).status).toBe(403);
    clock.advance(CHANGE_RIGHT_TTL_MS + 1000);
    expect((await post(cookie, `/sync/${conn}/contacts`, CONTACTS_CHANGE)).status).toBe(303);
    await control("PATCH", `/portals/${stack.hubspotPortalId}/users/${aiko.id}`, { superAdmin: false });

    // HubSpot down: fail closed, with a sentence saying so.
    clock.advance(CHANGE_RIGHT_TTL_MS + 1000);
    await control("POST", "/faults", { path: "/settings/v3/users/*", status: 503 });
    try {
      const down = await post(stack.user.cookie, `/sync/${conn}/contacts`, CONTACTS_CHANGE);
      expect(down.status).toBe(403);
      expect(await down.text()).toContain("HubSpot could not be reached");
      // An app installed before it asked for settings.users.read: HubSpot answers 403.
      await stack.route(`${stack.urls.hubspot}/__emulator/faults`, { method: "DELETE" });
      await control("POST", "/faults", { path: "/settings/v3/users/*", status: 403 });
      const noScope = await post(stack.user.cookie, `/sync/${conn}/contacts`, CONTACTS_CHANGE);
      expect(noScope.status).toBe(403);
      expect(await noScope.text()).toContain("settings.users.read");
    } finally {
      await stack.route(`${stack.urls.hubspot}/__emulator/faults`, { method: "DELETE" });
    }
  });
});
