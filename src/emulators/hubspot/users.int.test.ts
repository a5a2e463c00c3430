import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../kit/index.ts";
import { createHubSpotEmulator } from "./app.ts";
import { TEST_START, testPortal } from "./test-support.ts";

describe("Settings users API v3 (docs/vendors/hubspot.md §12a)", () => {
  it("starts a portal with its installing user, a super admin, and provisions, reads, updates and removes users", async () => {
    const { call, emulator, portalId } = testPortal();
    const installer = emulator.world.portal(portalId)!.settings;
    const list = await (await call("GET", "/settings/v3/users/")).json();
    expect(list.results).toEqual([
      {
        id: String(installer.userId),
        email: installer.userEmail,
        firstName: "Portal",
        lastName: "Admin",
        roleIds: [],
        secondaryTeamIds: [],
        superAdmin: true,
        sendWelcomeEmail: false,
      },
    ]);

    const created = await call("POST", "/settings/v3/users", {
      email: "rep@example.com",
      firstName: "Rep",
      roleId: "1000001",
      sendWelcomeEmail: true,
    });
    expect(created.status).toBe(201);
    const rep = await created.json();
    expect(rep).toMatchObject({ email: "rep@example.com", roleId: "1000001", roleIds: ["1000001"] });
    expect(rep).toMatchObject({ superAdmin: false, sendWelcomeEmail: true });
    // The language is the emulator's own attribute: never in the API's JSON.
    expect(rep).not.toHaveProperty("language");

    const byEmail = await call("GET", "/settings/v3/users/REP@example.com?idProperty=EMAIL");
    expect((await byEmail.json()).id).toBe(rep.id);
    const updated = await call("PUT", `/settings/v3/users/${rep.id}`, { lastName: "One" });
    expect(await updated.json()).toMatchObject({ firstName: "Rep", lastName: "One" });
    expect((await call("DELETE", `/settings/v3/users/${rep.id}`)).status).toBe(204);
    expect((await call("GET", `/settings/v3/users/${rep.id}`)).status).toBe(404);
  });

  it("refuses bad input and changes nothing", async () => {
    const { call } = testPortal();
    const noEmail = await call("POST", "/settings/v3/users", { firstName: "X" });
    expect(noEmail.status).toBe(400);
    const badRole = await call("POST", "/settings/v3/users", { email: "a@example.com", roleId: "9" });
    expect(badRole.status).toBe(400);
    expect((await call("POST", "/settings/v3/users", { email: "a@example.com" })).status).toBe(201);
    const twice = await call("POST", "/settings/v3/users", { email: "A@example.com" });
    expect(twice.status).toBe(409);
    const badId = await call("GET", "/settings/v3/users/1?idProperty=NAME");
    expect(badId.status).toBe(400);
    expect((await (await call("GET", "/settings/v3/users")).json()).results).toHaveLength(2);
  });

  it("lists roles, pages users, and needs a settings.users scope", async () => {
    const { call, emulator, portalId } = testPortal();
    const roles = await (await call("GET", "/settings/v3/users/roles")).json();
    expect(roles.results.map((r: { name: string }) => r.name)).toContain("Sales rep");
    for (const n of [1, 2]) await call("POST", "/settings/v3/users", { email: `u${n}@example.com` });
    const page = await (await call("GET", "/settings/v3/users?limit=2")).json();
    expect(page.results).toHaveLength(2);
    expect(page.paging.next.after).toBe("2");
    const rest = await (await call("GET", "/settings/v3/users?limit=2&after=2")).json();
    expect(rest.results.map((u: { email: string }) => u.email)).toEqual(["u2@example.com"]);
    const narrow = emulator.issueToken(portalId, { scopes: ["crm.objects.deals.read"] }).access_token;
    const denied = await call("GET", "/settings/v3/users", undefined, narrow);
    expect(denied.status).toBe(403);
    expect((await denied.json()).category).toBe("MISSING_SCOPES");
  });
});

describe("users in the control API and the demo seed", () => {
  const emulator = () =>
    createHubSpotEmulator({ clock: createEmulatorClock({ start: TEST_START, frozen: true }) });
  const control = (hs: ReturnType<typeof emulator>, method: string, path: string, body?: unknown) =>
    hs.fetch(
      new Request(`http://hubspot.test/__emulator${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  it("creates users with a language and super admin flag, and patches them", async () => {
    const hs = emulator();
    const portalId = hs.createPortal();
    const res = await control(hs, "POST", `/portals/${portalId}/users`, {
      email: "hanako@example.jp",
      firstName: "Hanako",
      language: "ja",
    });
    expect(res.status).toBe(201);
    const user = await res.json();
    expect(user).toMatchObject({ language: "ja", superAdmin: false });
    const patched = await control(hs, "PATCH", `/portals/${portalId}/users/${user.id}`, { superAdmin: true });
    expect(await patched.json()).toMatchObject({ superAdmin: true, language: "ja" });
    const bad = await control(hs, "POST", `/portals/${portalId}/users`, { email: "x@y.z", language: "fr" });
    expect(bad.status).toBe(400);
    expect((await control(hs, "POST", "/portals/1/users", { email: "x@y.z" })).status).toBe(404);
    const all = await (await control(hs, "GET", `/portals/${portalId}/users`)).json();
    expect(all.users).toHaveLength(2);
  });

  it("seeds a Japanese sales rep and an English super admin beside the installing user", () => {
    const hs = emulator();
    const portal = hs.world.portal(hs.createPortal({ seed: "demo" }))!;
    const users = portal.users.map((u) => [u.firstName, u.language, u.superAdmin]);
    expect(users).toEqual([
      ["Portal", "en", true],
      ["Aiko", "ja", false],
      ["Ben", "en", true],
      ["Chloe", "en", false],
    ]);
    // Each seeded owner is a user of the portal (owners' userId).
    expect(portal.owners.slice(1).map((o) => String(o.userId))).toEqual(
      portal.users.slice(1).map((u) => u.id),
    );
  });

  it("keeps users in the state file and restores them", () => {
    const hs = emulator();
    const portalId = hs.createPortal({ seed: "demo" });
    const saved = JSON.parse(JSON.stringify(hs.world.toJSON()));
    hs.world.restore(saved);
    expect(hs.world.portal(portalId)!.users.map((u) => u.language)).toEqual(["en", "ja", "en", "en"]);
    // A state file from before users existed restores the installing user.
    delete saved.portals[0].users;
    hs.world.restore(saved);
    expect(hs.world.portal(portalId)!.users.map((u) => u.superAdmin)).toEqual([true]);
  });
});
