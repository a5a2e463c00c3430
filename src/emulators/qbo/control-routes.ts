import { Hono } from "hono";
import { z } from "zod";
import { parseControlBody, sharedControlRoutes } from "../kit/index.ts";
import { seedDemoCompany, type QboSeedApi } from "./demo-seed.ts";
import type { Entity } from "./entities.ts";
import { create, send, voidTxn } from "./operations.ts";
import type { Company } from "./store.ts";
import { companyDate } from "./time.ts";
import type { QboWorld } from "./world.ts";

const companyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, "a two-letter ISO country code such as US or GB"),
    homeCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, "a three-letter ISO currency code")
      .optional(),
    multiCurrency: z.boolean().optional(),
    customTxnNumbers: z.boolean().optional(),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "an IANA time zone such as Europe/London")
      .optional(),
    seed: z.enum(["demo", "empty"]).optional(),
  })
  .strict();

const tokenBody = z.object({ realmId: z.string().min(1), clientId: z.string().min(1).optional() }).strict();

const realmOnly = z.object({ realmId: z.string().min(1) }).strict();

const appBody = z
  .object({
    clientId: z.string().min(1).max(200),
    clientSecret: z.string().min(1).max(200),
    redirectUris: z.array(z.url()),
    webhookUrl: z.url().optional(),
    verifierToken: z.string().min(1).optional(),
    webhookFormat: z.enum(["legacy", "cloudevents"]).optional(),
  })
  .strict()
  .refine((b) => !b.webhookUrl || b.verifierToken, {
    message: "webhookUrl needs a verifierToken",
    path: ["verifierToken"],
  });

const oauthBody = z
  .object({
    rotation: z.enum(["lenient", "strict"]).optional(),
    loseRefreshReplies: z.number().int().min(0).optional(),
  })
  .strict();

/** Seeds through the same rules as the API, so demo data is data QBO would have accepted. */
export async function seedDemo(world: QboWorld, company: Company): Promise<void> {
  const ctx = () => world.context(company);
  const api: QboSeedApi = {
    country: company.settings.country,
    homeCurrency: company.settings.homeCurrency,
    create: (entity, body) => Promise.resolve(create(ctx(), entity, body)),
    send: (invoiceId) => {
      send(ctx(), "Invoice", invoiceId, undefined);
      return Promise.resolve();
    },
    voidInvoice: (invoiceId, syncToken) => {
      voidTxn(ctx(), "Invoice", { Id: invoiceId, SyncToken: syncToken });
      return Promise.resolve();
    },
    accounts: company.list("Account"),
    terms: company.list("Term"),
    taxCodes: company.list("TaxCode"),
  };
  await seedDemoCompany(api, companyDate(world.now(), company.settings.timeZone));
  company.drainEvents();
}

/** `/__emulator/...`: the control API tests, the demo and other tools drive. Paths are a public contract. */
export function controlRoutes(world: QboWorld): Hono {
  const app = new Hono();
  app.route("/", sharedControlRoutes(world));

  app.post("/reset", (c) => {
    world.reset();
    return c.json({ ok: true });
  });

  app.get("/companies", (c) => c.json({ companies: [...world.companies.values()].map((co) => co.settings) }));
  app.post("/companies", async (c) => {
    const body = await parseControlBody(c.req.raw, companyBody);
    if (!body.ok) return body.response;
    const { seed, ...opts } = body.value;
    const company = world.addCompany(opts);
    if (seed === "demo") await seedDemo(world, company);
    world.changed();
    return c.json({ realmId: company.settings.realmId }, 201);
  });

  app.post("/tokens", async (c) => {
    const body = await parseControlBody(c.req.raw, tokenBody);
    if (!body.ok) return body.response;
    const clientId = body.value.clientId ?? "ledgerlink-dev";
    if (!world.companies.has(body.value.realmId))
      return c.json({ error: `Unknown realmId ${body.value.realmId}` }, 404);
    if (!world.apps.has(clientId)) return c.json({ error: `Unknown clientId ${clientId}` }, 404);
    const nowMs = world.now().getTime();
    const granted = world.oauth.grant(
      { clientId, realmId: body.value.realmId, scopes: ["com.intuit.quickbooks.accounting"] },
      nowMs,
      nowMs + 157_680_000_000,
      false,
    );
    world.changed();
    return c.json({ ...granted.pair, realmId: body.value.realmId }, 201);
  });

  // A token that dies before its hour, and a disconnect made in QuickBooks (ADR 0033).
  app.post("/tokens/expire", async (c) => {
    const body = await parseControlBody(c.req.raw, realmOnly);
    if (!body.ok) return body.response;
    if (!world.companies.has(body.value.realmId))
      return c.json({ error: `Unknown realmId ${body.value.realmId}` }, 404);
    const expired = world.oauth.expireAccess(body.value.realmId, world.now().getTime());
    world.changed();
    return c.json({ expired });
  });
  app.post("/tokens/revoke", async (c) => {
    const body = await parseControlBody(c.req.raw, realmOnly);
    if (!body.ok) return body.response;
    if (!world.companies.has(body.value.realmId))
      return c.json({ error: `Unknown realmId ${body.value.realmId}` }, 404);
    const revoked = world.oauth.revokeRealm(body.value.realmId);
    world.changed();
    return c.json({ revoked });
  });

  app.get("/apps", (c) => c.json({ apps: [...world.apps.values()] }));
  app.post("/apps", async (c) => {
    const body = await parseControlBody(c.req.raw, appBody);
    if (!body.ok) return body.response;
    const { webhookFormat, ...rest } = body.value;
    world.apps.set(rest.clientId, { ...rest, webhookFormat: webhookFormat ?? "legacy" });
    world.changed();
    return c.json({ clientId: rest.clientId }, 201);
  });

  app.post("/oauth", async (c) => {
    const body = await parseControlBody(c.req.raw, oauthBody);
    if (!body.ok) return body.response;
    if (body.value.rotation) world.oauth.rotation = body.value.rotation;
    if (body.value.loseRefreshReplies !== undefined)
      world.oauth.loseRefreshReplies = body.value.loseRefreshReplies;
    return c.json({ rotation: world.oauth.rotation, loseRefreshReplies: world.oauth.loseRefreshReplies });
  });

  app.get("/emails", (c) => {
    const emails: Entity[] = [];
    for (const company of world.companies.values()) {
      for (const email of company.outbox) emails.push({ realmId: company.settings.realmId, ...email });
    }
    return c.json({ emails });
  });
  return app;
}
