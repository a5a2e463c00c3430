import { describe, expect, it } from "vitest";
import { APP_ORIGIN, consoleFixture, textOf, type ConsoleFixture } from "./test-console.ts";

/** An app's custom workflow action on deals: a company picked from its optionsUrl, a send choice, a note. */
async function withAction(f: ConsoleFixture): Promise<string> {
  f.answers.set("/options", () =>
    Response.json({ options: [{ label: "Thames Garden Studio", value: "conn-uk" }], searchable: true }),
  );
  const created = await f.dev("POST", "/automation/v4/actions/1", {
    actionUrl: `${APP_ORIGIN}/action`,
    published: true,
    objectTypes: ["DEAL"],
    inputFields: [
      {
        typeDefinition: {
          name: "company",
          type: "enumeration",
          fieldType: "select",
          optionsUrl: `${APP_ORIGIN}/options`,
        },
        isRequired: true,
      },
      {
        typeDefinition: {
          name: "send",
          type: "enumeration",
          fieldType: "select",
          options: [
            { label: "Leave unsent", value: "leave_unsent" },
            { label: "Send", value: "send" },
          ],
        },
        isRequired: true,
      },
      { typeDefinition: { name: "message", type: "string", fieldType: "textarea" } },
    ],
    outputFields: [{ typeDefinition: { name: "invoice_number", type: "string" } }],
    labels: {
      en: { actionName: "Create invoice", inputFieldLabels: { company: "Company", send: "Send it?" } },
      ja: { actionName: "請求書を作成", inputFieldLabels: { company: "会社", send: "送信しますか?" } },
    },
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function dealNamed(f: ConsoleFixture, name: string): Promise<string> {
  const res = await f.api("POST", "/crm/v3/objects/deals/search", { query: name });
  return ((await res.json()) as { results: Array<{ id: string }> }).results[0]!.id;
}

/** Submits the workflows page's form as a browser would. */
function runForm(f: ConsoleFixture, fields: Record<string, string>, query = "") {
  return f.emulator.app.request(`/workflows/${f.portalId}/run${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("HubSpot emulator console: workflows", () => {
  it("lists the actions with their fields (options fetched from the optionsUrl) and a deal picker", async () => {
    const f = consoleFixture();
    const actionId = await withAction(f);
    const deal = await dealNamed(f, "Initech – consulting");
    const { status, html } = await f.page(`/workflows/${f.portalId}`);
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain("Create invoice");
    expect(text).toContain(`App 1 · action ${actionId} · Runs on: Deals`);
    expect(html).toContain(`<option value="DEAL:${deal}">Initech – consulting (${deal})</option>`);
    expect(html).toContain('<option value="conn-uk">Thames Garden Studio</option>');
    expect(html).toContain('<option value="send">Send</option>');
    expect(text).toContain("Send it? (required)");
    expect(text).toContain("No action has run in this portal yet.");
    const optionsCall = f.appCalls.find((c) => c.path === "/options")!;
    expect(JSON.parse(optionsCall.body)).toMatchObject({
      origin: { portalId: f.portalId, actionDefinitionId: Number(actionId) },
      inputFieldName: "company",
    });
  });

  it("runs an action on a deal and shows the execution: state, outputs, and the deal it ran on", async () => {
    const f = consoleFixture();
    const actionId = await withAction(f);
    const deal = await dealNamed(f, "Initech – consulting");
    f.answers.set("/action", () => Response.json({ outputFields: { invoice_number: "1042" } }));
    const res = await runForm(f, {
      appId: "1",
      actionId,
      record: `DEAL:${deal}`,
      "input.company": "conn-uk",
      "input.send": "leave_unsent",
      "input.message": "",
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/workflows/${f.portalId}/executions/ap-`));
    const sent = JSON.parse(f.appCalls.find((c) => c.path === "/action")!.body);
    expect(sent.inputFields).toEqual({ company: "conn-uk", send: "leave_unsent" });
    expect(sent.object).toMatchObject({ objectType: "DEAL", objectId: Number(deal) });

    const run = await f.page(location);
    const text = textOf(run.html);
    expect(run.html).toContain('data-state="SUCCESS"');
    expect(text).toContain("by the action's answer");
    expect(run.html).toContain('<dd data-field="invoice_number">1042</dd>');
    expect(run.html).toContain(`href="/contacts/${f.portalId}/record/0-3/${deal}" data-record-link`);
    expect(text).toContain("Initech – consulting");
    const list = await f.page(`/workflows/${f.portalId}`);
    expect(list.html).toContain('<span class="state state-SUCCESS">SUCCESS</span>');
    expect(list.html).toContain(
      `<a href="/contacts/${f.portalId}/record/0-3/${deal}">Initech – consulting</a>`,
    );
  });

  it("shows a blocked execution waiting, then completed by the app's callback", async () => {
    const f = consoleFixture();
    const actionId = await withAction(f);
    const deal = await dealNamed(f, "Umbrella – pilot");
    f.answers.set("/action", () => Response.json({ outputFields: { hs_execution_state: "BLOCK" } }));
    const res = await runForm(
      f,
      { appId: "1", actionId, record: `DEAL:${deal}`, "input.company": "conn-uk", "input.send": "send" },
      "?lang=ja",
    );
    const location = res.headers.get("location")!;
    expect(location).toContain("?lang=ja");
    let page = await f.page(location);
    expect(page.html).toContain('data-state="BLOCKED"');
    expect(textOf(page.html)).toContain("アプリがコールバックを完了するのを待っています。");
    expect(textOf(page.html)).toContain("請求書を作成 の実行");

    const callbackId = decodeURIComponent(location.split("/executions/")[1]!.split("?")[0]!);
    const done = await f.api("POST", `/automation/v4/actions/callbacks/${callbackId}/complete`, {
      outputFields: { hs_execution_state: "SUCCESS", invoice_number: "1043" },
    });
    expect(done.status).toBe(204);
    page = await f.page(location.replace("lang=ja", "lang=en"));
    expect(page.html).toContain('data-state="SUCCESS"');
    expect(textOf(page.html)).toContain("by the completion callback");
    expect(page.html).toContain('<dd data-field="invoice_number">1043</dd>');
  });

  it("shows a failed execution with the error the action URL gave", async () => {
    const f = consoleFixture();
    const actionId = await withAction(f);
    const deal = await dealNamed(f, "Umbrella – pilot");
    f.answers.set("/action", () => Response.json({ error: "no such company" }, { status: 400 }));
    const res = await runForm(f, {
      appId: "1",
      actionId,
      record: `DEAL:${deal}`,
      "input.company": "x",
      "input.send": "send",
    });
    const page = await f.page(res.headers.get("location")!);
    expect(page.html).toContain('data-state="FAILED"');
    expect(textOf(page.html)).toContain('Error: HTTP 400 {"error":"no such company"}');
  });

  it("refuses a run without a record, a required field, a real deal or action, in the page's language, and runs nothing", async () => {
    const f = consoleFixture();
    const actionId = await withAction(f);
    const deal = await dealNamed(f, "Umbrella – pilot");
    const full = {
      appId: "1",
      actionId,
      record: `DEAL:${deal}`,
      "input.company": "conn-uk",
      "input.send": "send",
    };
    const before = JSON.stringify(f.emulator.world.toJSON());
    const cases: Array<[Record<string, string>, string, number, string]> = [
      [{ ...full, record: "" }, "", 400, "Choose the record to run the action on."],
      [{ ...full, "input.send": "" }, "", 400, "Fill in the required field Send it?."],
      [
        { ...full, "input.send": "", "input.company": "" },
        "?lang=ja",
        400,
        "必須フィールドを入力してください: 会社、送信しますか?",
      ],
      [{ ...full, record: "DEAL:999999" }, "", 404, `There is no DEAL 999999 in portal ${f.portalId}.`],
      [{ ...full, actionId: "424242" }, "", 404, "App 1 has no action 424242."],
      [{ ...full, appId: "x" }, "", 400, "The form does not name an action"],
      [{ ...full, "input.bogus": "1" }, "", 400, "Unknown input fields: bogus."],
    ];
    for (const [fields, query, status, message] of cases) {
      const res = await runForm(f, fields, query);
      expect(res.status, message).toBe(status);
      const html = await res.text();
      expect(textOf(html), message).toContain(message);
      // The refused form comes back as it was (when it names the action).
      if (fields.record === full.record && fields.actionId === actionId && fields.appId === "1")
        expect(html, message).toContain(`<option value="DEAL:${deal}" selected="">`);
    }
    const unknownPortal = await f.emulator.app.request("/workflows/999/run", {
      method: "POST",
      body: new URLSearchParams(full),
    });
    expect(unknownPortal.status).toBe(404);
    expect(f.appCalls.filter((c) => c.path === "/action")).toEqual([]);
    expect(textOf((await f.page(`/workflows/${f.portalId}`)).html)).toContain(
      "No action has run in this portal yet.",
    );
    expect(JSON.stringify(f.emulator.world.toJSON())).toBe(before);
  });
});
