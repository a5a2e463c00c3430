import { describe, expect, it } from "vitest";
import { testPortal } from "./test-support.ts";

describe("CRM objects v3 (in process) (X-HS)", () => {
  it("creates, reads, updates and archives a contact with string values and system properties", async () => {
    const { call } = testPortal();
    const created = await call("POST", "/crm/v3/objects/contacts", {
      properties: { email: "Jane@Example.com", firstname: "Jane", lastname: "Doe" },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; properties: Record<string, string> };
    expect(body.properties).toMatchObject({
      email: "jane@example.com",
      hs_object_id: body.id,
      createdate: "2026-03-02T09:00:00.000Z",
      lastmodifieddate: "2026-03-02T09:00:00.000Z",
    });

    const read = await call("GET", `/crm/v3/objects/contacts/${body.id}?properties=firstname,phone`);
    expect(await read.json()).toMatchObject({
      id: body.id,
      properties: { firstname: "Jane", phone: null },
      archived: false,
    });
    const byEmail = await call("GET", `/crm/v3/objects/0-1/jane@example.com?idProperty=email`);
    expect(byEmail.status).toBe(200);

    const patched = await call("PATCH", `/crm/objects/2026-03/contacts/${body.id}`, {
      properties: { lastname: "Roe" },
    });
    expect(((await patched.json()) as { properties: Record<string, string> }).properties.lastname).toBe(
      "Roe",
    );

    expect((await call("DELETE", `/crm/v3/objects/contacts/${body.id}`)).status).toBe(204);
    expect((await call("GET", `/crm/v3/objects/contacts/${body.id}`)).status).toBe(404);
    expect((await call("GET", `/crm/v3/objects/contacts/${body.id}?archived=true`)).status).toBe(200);
  });

  it("refuses a second contact with the same email with HubSpot's 409", async () => {
    const { call } = testPortal();
    const first = await call("POST", "/crm/v3/objects/contacts", { properties: { email: "a@b.co" } });
    const { id } = (await first.json()) as { id: string };
    const second = await call("POST", "/crm/v3/objects/contacts", { properties: { email: "A@b.co" } });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      status: "error",
      category: "CONFLICT",
      message: `Contact already exists. Existing ID: ${id}`,
    });
  });

  it("pages a list with after cursors", async () => {
    const { call } = testPortal();
    for (let i = 0; i < 5; i++)
      await call("POST", "/crm/v3/objects/companies", { properties: { name: `C${i}` } });
    const first = (await (await call("GET", "/crm/v3/objects/companies?limit=2")).json()) as {
      results: Array<{ id: string }>;
      paging: { next: { after: string; link: string } };
    };
    expect(first.results).toHaveLength(2);
    const second = (await (
      await call("GET", `/crm/v3/objects/companies?limit=2&after=${first.paging.next.after}`)
    ).json()) as {
      results: Array<{ id: string }>;
    };
    expect(second.results[0]!.id).toBe(first.paging.next.after);
    expect(first.paging.next.link).toContain(`after=${first.paging.next.after}`);
  });

  it("answers an unknown object type and an unknown route in HubSpot's error format", async () => {
    const { call } = testPortal();
    expect(await (await call("GET", "/crm/v3/objects/widgets")).json()).toMatchObject({
      status: "error",
      message: "Unable to infer object type from: widgets",
      category: "VALIDATION_ERROR",
    });
    const unknown = await call("GET", "/nothing/here");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "error", category: "OBJECT_NOT_FOUND" });
  });

  it("keeps each property's history, newest first, with its source", async () => {
    const { emulator, call } = testPortal();
    const created = (await (
      await call("POST", "/crm/v3/objects/deals", { properties: { dealname: "First" } })
    ).json()) as {
      id: string;
    };
    emulator.clock.advance(60_000);
    await call("PATCH", `/crm/v3/objects/deals/${created.id}`, { properties: { dealname: "Second" } });
    const read = await (
      await call("GET", `/crm/v3/objects/deals/${created.id}?propertiesWithHistory=dealname`)
    ).json();
    expect(read).toMatchObject({
      propertiesWithHistory: {
        dealname: [
          {
            value: "Second",
            timestamp: "2026-03-02T09:01:00.000Z",
            sourceType: "INTEGRATION",
            sourceId: "1",
          },
          { value: "First", timestamp: "2026-03-02T09:00:00.000Z", sourceType: "INTEGRATION" },
        ],
      },
      updatedAt: "2026-03-02T09:01:00.000Z",
    });
  });
});
