import { Signature } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type RunningServer } from "../../kit/index.ts";
import { TEST_APP, TEST_HAPIKEY, createTestCore } from "./test-core.ts";
import type { WorkflowRun } from "./workflow-run.ts";
import { workflowsExtension } from "./workflows.ts";

const PORTAL = 62515;

interface Seen {
  url: string;
  body: string;
  headers: Headers;
}

/** The integration's action endpoint: answers each call with the next scripted response. */
function actionServer() {
  const seen: Seen[] = [];
  let script: Array<() => Response> = [];
  const handler = async (req: Request) => {
    seen.push({ url: req.url, body: await req.text(), headers: req.headers });
    return (script.shift() ?? (() => Response.json({ outputFields: {} })))();
  };
  return { seen, handler, answer: (...responses: Array<() => Response>) => (script = responses) };
}

const outputs = (fields: Record<string, string>) => () => Response.json({ outputFields: fields });

describe("custom workflow actions (X-HS)", () => {
  const server = actionServer();
  let running: RunningServer;
  beforeAll(async () => {
    running = await listen(server.handler, 0);
  });
  afterAll(() => running.close());

  async function setup() {
    const core = createTestCore();
    core.addPortal(PORTAL);
    const deal = core.createRecord(PORTAL, "deals", { dealname: "ACME annual licence", amount: "1500" });
    const ext = workflowsExtension(core);
    const dev = (path: string, method = "GET", body?: unknown) =>
      ext.routes.request(`${path}${path.includes("?") ? "&" : "?"}hapikey=${TEST_HAPIKEY}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const created = await dev("/automation/v4/actions/1", "POST", {
      actionUrl: `${running.url}/actions/create-invoice`,
      published: true,
      objectTypes: ["DEAL"],
      objectRequestOptions: { properties: ["dealname", "amount"] },
      inputFields: [
        {
          typeDefinition: {
            name: "send_email",
            type: "enumeration",
            fieldType: "select",
            options: [
              { label: "Yes", value: "yes" },
              { label: "No", value: "no" },
            ],
          },
          supportedValueTypes: ["STATIC_VALUE"],
          isRequired: true,
        },
        {
          typeDefinition: { name: "terms", type: "string", fieldType: "text", options: [] },
          supportedValueTypes: ["STATIC_VALUE", "OBJECT_PROPERTY"],
          isRequired: false,
        },
      ],
      outputFields: [
        { typeDefinition: { name: "qbo_invoice_id", type: "string", fieldType: "text", options: [] } },
      ],
      labels: { en: { actionName: "Create QuickBooks invoice" } },
    });
    expect(created.status).toBe(201);
    const action = (await created.json()) as { id: string; revisionId: string };
    const run = async (body: Record<string, unknown>) => {
      const res = await ext.control.request("/workflows/run", {
        method: "POST",
        body: JSON.stringify({ portalId: PORTAL, appId: 1, actionId: action.id, objectId: deal.id, ...body }),
      });
      return { status: res.status, body: (await res.json()) as WorkflowRun & Record<string, unknown> };
    };
    server.seen.length = 0;
    return { core, deal, ext, dev, action, run };
  }

  it("serves the definition API with revisions, archiving, auth and HubSpot's errors", async () => {
    const { ext, dev, action } = await setup();
    expect(action.revisionId).toBe("1");
    expect(await (await dev("/automation/v4/actions/1")).json()).toMatchObject({
      results: [{ id: action.id }],
    });
    const patched = await dev(`/automation/v4/actions/1/${action.id}`, "PATCH", { published: false });
    expect(await patched.json()).toMatchObject({ published: false, revisionId: "2" });
    expect((await dev(`/automation/v4/actions/1/${action.id}`, "DELETE")).status).toBe(204);
    expect((await dev(`/automation/v4/actions/1/${action.id}`)).status).toBe(404);
    expect((await dev(`/automation/v4/actions/1/${action.id}?archived=true`)).status).toBe(200);
    const bad = await dev("/automation/v4/actions/1", "POST", { actionUrl: "x", labels: {} });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    expect((await ext.routes.request("/automation/v4/actions/1")).status).toBe(401);
  });

  it("posts HubSpot's signed execution request and completes on SUCCESS", async () => {
    const { deal, action, run } = await setup();
    server.answer(outputs({ qbo_invoice_id: "245", hs_execution_state: "SUCCESS" }));
    const { status, body } = await run({
      inputFields: { send_email: "yes", terms: { propertyName: "amount" } },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      state: "SUCCESS",
      outputFields: { qbo_invoice_id: "245" },
      attempts: [{ status: 200 }],
      completedBy: "RESPONSE",
    });
    const call = server.seen[0]!;
    expect(JSON.parse(call.body)).toMatchObject({
      callbackId: body.callbackId,
      origin: { portalId: PORTAL, actionDefinitionId: Number(action.id), actionDefinitionVersion: 1 },
      context: { source: "WORKFLOWS" },
      object: {
        objectId: Number(deal.id),
        objectType: "DEAL",
        properties: { dealname: "ACME annual licence", amount: "1500" },
      },
      inputFields: { send_email: "yes", terms: "1500" },
      fields: { send_email: "yes", terms: "1500" },
    });
    const common = {
      clientSecret: TEST_APP.clientSecret,
      requestBody: call.body,
      url: call.url,
      method: "POST",
    };
    expect(
      Signature.isValid({
        ...common,
        signatureVersion: "v3",
        signature: call.headers.get("x-hubspot-signature-v3") ?? "",
        timestamp: Number(call.headers.get("x-hubspot-request-timestamp")),
      }),
    ).toBe(true);
    expect(
      Signature.isValid({
        ...common,
        signatureVersion: "v2",
        signature: call.headers.get("x-hubspot-signature") ?? "",
      }),
    ).toBe(true);
  });

  it("records FAIL_CONTINUE as a finished run", async () => {
    const { run } = await setup();
    server.answer(outputs({ hs_execution_state: "FAIL_CONTINUE" }));
    expect((await run({ inputFields: { send_email: "no" } })).body).toMatchObject({ state: "FAIL_CONTINUE" });
  });

  it("waits on BLOCK until the callback completes it, and refuses bad callbacks", async () => {
    const { core, ext, run } = await setup();
    server.answer(outputs({ hs_execution_state: "BLOCK" }));
    const { body } = await run({ inputFields: { send_email: "yes" } });
    expect(body.state).toBe("BLOCKED");
    const show = async () =>
      (await (await ext.control.request(`/workflows/runs/${body.callbackId}`)).json()) as WorkflowRun;
    expect((await show()).state).toBe("BLOCKED");

    const complete = (token: string | undefined, callbackId = body.callbackId) =>
      ext.routes.request(`/automation/v4/actions/callbacks/${callbackId}/complete`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ outputFields: { qbo_invoice_id: "246", hs_execution_state: "SUCCESS" } }),
      });
    const token = core.issueToken(PORTAL);
    expect((await complete(undefined)).status).toBe(401);
    expect((await complete(core.issueToken(PORTAL, ["oauth"]))).status).toBe(403);
    expect((await complete(token, "ap-nope")).status).toBe(404);
    expect((await complete(token)).status).toBe(204);
    expect(await show()).toMatchObject({
      state: "SUCCESS",
      outputFields: { qbo_invoice_id: "246" },
      completedBy: "CALLBACK",
    });
    expect((await complete(token)).status).toBe(400);

    server.answer(outputs({ hs_execution_state: "ASYNC" }));
    const second = (await run({ inputFields: { send_email: "yes" } })).body;
    expect(second.state).toBe("ASYNC");
    const batch = await ext.routes.request("/automation/v4/actions/callbacks/complete", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        inputs: [{ callbackId: second.callbackId, outputFields: { hs_execution_state: "FAIL_CONTINUE" } }],
      }),
    });
    expect(batch.status).toBe(204);
    expect(ext.runner.get(second.callbackId)?.state).toBe("FAIL_CONTINUE");
  });

  it("expires a blocked run when hs_expiration_duration runs out on the emulator clock", async () => {
    const { core, ext, run } = await setup();
    server.answer(outputs({ hs_execution_state: "BLOCK", hs_expiration_duration: "PT1H" }));
    const { body } = await run({ inputFields: { send_email: "yes" } });
    core.clock.advance(59 * 60_000);
    expect(ext.runner.get(body.callbackId)?.state).toBe("BLOCKED");
    core.clock.advance(60_000);
    expect(ext.runner.get(body.callbackId)).toMatchObject({ state: "EXPIRED", completedBy: "EXPIRY" });
  });

  it("retries 429 and 5xx, recording each attempt, and fails on 4xx or when retries run out", async () => {
    const { run } = await setup();
    server.answer(
      () => new Response("slow down", { status: 429, headers: { "retry-after": "2" } }),
      () => new Response("oops", { status: 502 }),
      outputs({ hs_execution_state: "SUCCESS" }),
    );
    const retried = (await run({ inputFields: { send_email: "yes" } })).body;
    expect(retried).toMatchObject({
      state: "SUCCESS",
      attempts: [
        { status: 429, retryAfterMs: 2000 },
        { status: 502, retryAfterMs: 120_000 },
        { status: 200 },
      ],
    });
    expect(server.seen).toHaveLength(3);
    expect(new Set(server.seen.map((s) => JSON.parse(s.body).callbackId)).size).toBe(1);

    server.answer(...Array.from({ length: 5 }, () => () => new Response(null, { status: 503 })));
    const exhausted = (await run({ inputFields: { send_email: "yes" } })).body;
    expect(exhausted.state).toBe("FAILED");
    expect(exhausted.attempts).toHaveLength(5);

    server.answer(() => Response.json({ message: "bad" }, { status: 400 }));
    const refused = (await run({ inputFields: { send_email: "yes" } })).body;
    expect(refused).toMatchObject({ state: "FAILED", attempts: [{ status: 400 }] });
    expect(refused.failure).toContain("HTTP 400");
  });

  it("refuses runs a workflow could not make, with clear 400s and 404s", async () => {
    const { core, ext, run, deal } = await setup();
    expect((await run({ inputFields: {} })).body.message).toContain(
      "Missing required input fields: send_email",
    );
    expect((await run({ inputFields: { send_email: "yes", colour: "red" } })).status).toBe(400);
    expect((await run({ objectId: "999999", inputFields: { send_email: "yes" } })).status).toBe(404);
    expect((await run({ actionId: "42", inputFields: { send_email: "yes" } })).status).toBe(404);
    expect((await run({ objectType: "CONTACT", inputFields: { send_email: "yes" } })).status).toBe(400);
    const bad = await ext.control.request("/workflows/run", {
      method: "POST",
      body: JSON.stringify({ appId: 1 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "Invalid body" });
    expect(server.seen).toHaveLength(0);
    expect(core.getRecord(PORTAL, "deals", deal.id)).toBeDefined();
  });

  it("lists runs and keeps them, with definitions, across snapshot and restore", async () => {
    const { ext, run, action } = await setup();
    server.answer(outputs({ hs_execution_state: "BLOCK" }));
    const { body } = await run({ inputFields: { send_email: "yes" } });
    const listed = (await (await ext.control.request("/workflows/runs?state=BLOCKED")).json()) as {
      runs: WorkflowRun[];
    };
    expect(listed.runs.map((r) => r.callbackId)).toEqual([body.callbackId]);
    const saved = JSON.parse(JSON.stringify(ext.snapshot()));
    ext.reset();
    expect(ext.runner.list()).toEqual([]);
    ext.restore(saved);
    expect(ext.runner.get(body.callbackId)?.state).toBe("BLOCKED");
    expect(ext.store.get(1, action.id)).toBeDefined();
  });
});
