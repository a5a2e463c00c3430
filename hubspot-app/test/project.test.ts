import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HUBSPOT_SCOPES } from "../../src/connectors/hubspot/oauth";
import { ALL_SCOPES } from "../../src/emulators/hubspot/oauth";
import { DEFAULT_SUBSCRIPTIONS } from "../../src/features/settings/subscription-needs";
import { renderHubSpotWebhooks } from "../../scripts/render-hubspot-webhooks";
import { PATHS } from "../../src/http/paths";
import { INVOICE_STATUS_OPTIONS } from "../../src/features/connections/portal-properties";
import { LEDGERLINK_URL } from "../src/app/cards/ledgerlink-url";

/**
 * The HubSpot developer project (platform version 2025.2) against the structure HubSpot documents
 * for `hsproject.json` and each `*-hsmeta.json` (developers.hubspot.com/docs/apps/developer-platform/
 * build-apps/app-configuration, and HubSpot's own templates in HubSpot/hubspot-project-components),
 * and against Ledgerlink itself: the scopes it requests, the routes it serves.
 */
const project = fileURLToPath(new URL("..", import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(join(project, path), "utf8"));
const at = (path: string) => `${LEDGERLINK_URL}${path}`;

function metaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : metaFiles(path);
    return entry.name.endsWith("-hsmeta.json") ? [relative(project, path)] : [];
  });
}

const uid = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only");
const https = z.url({ protocol: /^https$/ });

const hsproject = z.strictObject({
  name: z.string().min(1),
  srcDir: z.literal("src"),
  platformVersion: z.literal("2025.2"),
});

const app = z.object({
  uid,
  type: z.literal("app"),
  config: z.object({
    name: z.string().min(1),
    description: z.string().min(1),
    distribution: z.enum(["private", "marketplace"]),
    auth: z.object({
      type: z.literal("oauth"),
      redirectUrls: z.array(https).min(1),
      requiredScopes: z.array(z.string()).min(1),
      optionalScopes: z.array(z.string()),
      conditionallyRequiredScopes: z.array(z.string()),
    }),
    permittedUrls: z.object({ fetch: z.array(https), iframe: z.array(https), img: z.array(https) }),
  }),
});

const card = z.object({
  uid,
  type: z.literal("card"),
  config: z.object({
    name: z.string().min(1),
    location: z.enum(["crm.record.tab", "crm.record.sidebar", "crm.preview", "helpdesk.sidebar"]),
    entrypoint: z.string().regex(/^\/app\/cards\/.+\.(tsx|jsx)$/),
    objectTypes: z.array(z.enum(["contacts", "companies", "deals", "tickets"])).min(1),
  }),
});

const subscription = z.strictObject({
  subscriptionType: z.string().regex(/^[a-z_]+\.[A-Za-z]+$/),
  propertyName: z.string().optional(),
  active: z.boolean(),
});
const webhooks = z.object({
  uid,
  type: z.literal("webhooks"),
  config: z.object({
    settings: z.object({ targetUrl: https, maxConcurrentRequests: z.number().int().min(5).max(100) }),
    subscriptions: z.object({
      crmObjects: z.array(z.unknown()),
      legacyCrmObjects: z.array(subscription),
      hubEvents: z.array(z.unknown()),
    }),
  }),
});

const option = z.object({ value: z.string(), label: z.string().min(1) });
const typeDefinition = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    type: z.enum(["string", "number", "bool", "date", "datetime", "enumeration", "phone_number"]),
    fieldType: z.enum(["text", "textarea", "number", "select", "booleancheckbox", "date", "checkbox"]),
    options: z.array(option).optional(),
    optionsUrl: https.optional(),
  })
  .refine((t) => t.type !== "enumeration" || (t.options?.length ?? 0) > 0 || t.optionsUrl, {
    message: "an enumeration needs options or an optionsUrl",
  });
const labels = z.object({
  actionName: z.string().min(1),
  actionDescription: z.string().min(1),
  inputFieldLabels: z.record(z.string(), z.string().min(1)),
  outputFieldLabels: z.record(z.string(), z.string().min(1)),
});
const workflowAction = z.object({
  uid,
  type: z.literal("workflow-action"),
  config: z.object({
    actionUrl: https,
    isPublished: z.boolean(),
    supportedClients: z.array(z.object({ client: z.literal("WORKFLOWS") })).min(1),
    objectTypes: z.array(z.string()).min(1),
    inputFields: z.array(
      z.object({
        typeDefinition,
        supportedValueTypes: z.array(z.enum(["STATIC_VALUE", "OBJECT_PROPERTY"])).min(1),
        isRequired: z.boolean(),
      }),
    ),
    outputFields: z.array(z.object({ typeDefinition })),
    labels: z.object({ en: labels }).catchall(labels),
  }),
});

/** Where HubSpot requires each kind of feature file to live (app-configuration, "Project structure"). */
const SCHEMAS: Record<string, { folder: string; schema: z.ZodType }> = {
  app: { folder: "src/app", schema: app },
  card: { folder: "src/app/cards", schema: card },
  webhooks: { folder: "src/app/webhooks", schema: webhooks },
  "workflow-action": { folder: "src/app/workflow-actions", schema: workflowAction },
};

describe("hubspot-app project files", () => {
  const files = metaFiles(join(project, "src"));
  const parsed = files.map((file) => ({ file, json: read(file) as { type?: string; uid?: string } }));
  const ofType = <T extends z.ZodType>(type: string, schema: T): z.infer<T> =>
    schema.parse(parsed.find((p) => p.json.type === type)?.json);

  it("has an hsproject.json and one valid *-hsmeta.json per feature, each in its folder", () => {
    expect(hsproject.parse(read("hsproject.json")).srcDir).toBe("src");
    expect(files.sort()).toEqual([
      "src/app/app-hsmeta.json",
      "src/app/cards/invoices-card-hsmeta.json",
      "src/app/webhooks/webhooks-hsmeta.json",
      "src/app/workflow-actions/create-invoice-hsmeta.json",
    ]);
    for (const { file, json } of parsed) {
      const kind = SCHEMAS[json.type ?? ""];
      expect(kind, `${file}: unknown type ${json.type}`).toBeDefined();
      expect(file.slice(0, file.lastIndexOf("/"))).toBe(kind!.folder);
      const result = kind!.schema.safeParse(json);
      expect(result.error?.issues ?? [], file).toEqual([]);
    }
    expect(new Set(parsed.map((p) => p.json.uid)).size).toBe(parsed.length);
  });

  it("asks HubSpot for exactly the scopes Ledgerlink requests, and redirects to its callback", () => {
    const { auth } = ofType("app", app).config;
    expect(auth.requiredScopes).toEqual([...HUBSPOT_SCOPES]);
    expect(auth.redirectUrls).toEqual([at(PATHS.hubspotOAuthCallback)]);
  });

  it("asks only for scopes on HubSpot's published list (the emulator's, which refuses others)", () => {
    const known = new Set(ALL_SCOPES);
    expect(HUBSPOT_SCOPES.filter((scope) => !known.has(scope))).toEqual([]);
  });

  it("lets the card fetch only Ledgerlink's card API and frame only its two pages", () => {
    const { permittedUrls } = ofType("app", app).config;
    expect(permittedUrls.fetch).toEqual([at(PATHS.hubspotCard)]);
    expect(permittedUrls.iframe).toEqual([at(PATHS.embedNewInvoice), at(PATHS.embedAddInvoice)]);
  });

  it("puts the card on deals, contacts and companies with an entry point that exists", () => {
    const config = ofType("card", card).config;
    expect(existsSync(join(project, "src", config.entrypoint))).toBe(true);
    expect(config.objectTypes.sort()).toEqual(["companies", "contacts", "deals"]);
  });

  it("subscribes the webhooks Ledgerlink handles, delivered to its webhook route", () => {
    const config = ofType("webhooks", webhooks).config;
    expect(config.settings.targetUrl).toBe(at(PATHS.hubspotWebhooks));
    const subscribed = config.subscriptions.legacyCrmObjects.map((s) => ({
      eventType: s.subscriptionType,
      ...(s.propertyName ? { propertyName: s.propertyName } : {}),
    }));
    expect(subscribed).toEqual(DEFAULT_SUBSCRIPTIONS);
    expect(config.subscriptions.legacyCrmObjects.every((s) => s.active)).toBe(true);
  });

  it("is exactly what `npm run hubspot:webhooks` renders from the default mappings", () => {
    const path = join(project, "src/app/webhooks/webhooks-hsmeta.json");
    expect(readFileSync(path, "utf8")).toBe(renderHubSpotWebhooks(at(PATHS.hubspotWebhooks)));
  });

  it("defines Create QuickBooks invoice with the spec's fields, labelled in English and Japanese", () => {
    const config = ofType("workflow-action", workflowAction).config;
    expect(config.actionUrl).toBe(at(PATHS.workflowCreateInvoice));
    expect(config.objectTypes).toEqual(["DEAL"]);
    const inputs = config.inputFields.map((f) => f.typeDefinition.name);
    const outputs = config.outputFields.map((f) => f.typeDefinition.name);
    expect(inputs).toEqual(["qbo_company", "terms", "due_in_days", "send", "message"]);
    expect(outputs).toEqual(["qbo_invoice_number", "qbo_invoice_id", "qbo_invoice_status"]);
    const company = config.inputFields[0]!.typeDefinition;
    expect(company.optionsUrl).toBe(at(PATHS.workflowCreateInvoiceCompanies));
    const status = config.outputFields[2]!.typeDefinition.options?.map((o) => o.value);
    expect(status).toEqual(INVOICE_STATUS_OPTIONS.map((o) => o.value));
    expect(Object.keys(config.labels).sort()).toEqual(["en", "ja"]);
    for (const locale of Object.values(config.labels)) {
      expect(Object.keys(locale.inputFieldLabels)).toEqual(inputs);
      expect(Object.keys(locale.outputFieldLabels)).toEqual(outputs);
    }
    expect(config.labels.en.actionName).toBe("Create QuickBooks invoice");
  });

  it("names Ledgerlink by one URL everywhere, so one replacement points the app at a server", () => {
    const urls = parsed.flatMap(({ json }) => JSON.stringify(json).match(/https?:\/\/[^"]+/g) ?? []);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${LEDGERLINK_URL}/`), url).toBe(true);
  });
});
