import { Hono, type Context } from "hono";
import { z } from "zod";
import { isCalendarDate } from "../../lib/dates.ts";
import { readEntity } from "../../connectors/qbo/write.ts";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { MessageKey } from "../../web/i18n/index.ts";
import { searchQboInvoices, SEARCH_LIMIT, type InvoiceSearch } from "../../sync/invoices/search.ts";
import { trackInvoices } from "../../sync/invoices/track.ts";
import { AddedPage, PickCompanyPage, SearchPage } from "../../web/pages/add-existing.tsx";
import type { AppDeps } from "../app.tsx";
import type { AppEnv } from "../context.ts";
import { embedAuth } from "../middleware/embed.ts";

const text = (max: number, key: MessageKey) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => v || undefined);
const searchSchema = z
  .object({
    number: text(21, "addInvoice.error.number"),
    customer: text(100, "addInvoice.error.customer"),
    amount: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || /^\d{1,12}(\.\d{1,2})?$/.test(v), "addInvoice.error.amount")
      .transform((v) => (v === undefined ? undefined : Number(v))),
    from: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => !v || isCalendarDate(v), "addInvoice.error.date"),
    to: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => !v || isCalendarDate(v), "addInvoice.error.date"),
    status: z
      .enum(
        ["", "awaiting_send", "sent", "partially_paid", "paid", "overdue", "voided"],
        "addInvoice.error.status",
      )
      .optional()
      .transform((v) => v || undefined),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, "addInvoice.error.date");
const invoiceIds = z
  .array(z.string().regex(/^\d{1,20}$/))
  .min(1)
  .max(SEARCH_LIMIT);

/**
 * "Add existing invoice" (E1–E2) in HubSpot's iframe: pick the QBO company when several are
 * connected, search its invoices, tick some, Add. Added invoices are followed like created ones:
 * linked to the record, mirrored to HubSpot, and (on deals) driving the deal's properties.
 */
export function addExistingRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/embed/invoices/add", embedAuth(deps.secrets, deps.clock));
  app.use("/embed/invoices/add", async (c, next) => {
    // Both exist in every runtime that serves HubSpot; a bare test app has neither.
    if (!deps.clients || !deps.queue) return c.text("QuickBooks is not configured", 503);
    await next();
  });

  const companies = (portalId: string) =>
    db
      .selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "companyName", "homeCurrency", "timeZone", "status"])
      .where("portalId", "=", portalId)
      .orderBy("createdAt")
      .execute();

  /** The company the form names, or the only active one; undefined means "ask". */
  async function chosenCompany(c: Context<AppEnv>, requested: string | undefined) {
    const all = await companies(c.get("embed").portalId);
    const active = all.filter((x) => x.status === "active");
    if (requested) return { all, company: active.find((x) => x.connectionId === requested), named: true };
    return { all, company: active.length === 1 ? active[0] : undefined, named: false };
  }

  app.get("/embed/invoices/add", async (c) => {
    const t = c.get("t");
    const embed = c.get("embed");
    const view = { t, locale: c.get("locale"), token: embed.token };
    const { all, company, named } = await chosenCompany(c, c.req.query("company"));
    if (!company) {
      const choices = all.map((x) => ({ ...x, active: x.status === "active" }));
      return c.html(
        <PickCompanyPage
          {...view}
          companies={choices}
          error={named ? t("addInvoice.error.company") : undefined}
        />,
        named ? 400 : 200,
      );
    }
    const raw = c.req.query();
    const shown = {
      number: raw.number,
      customer: raw.customer,
      amount: raw.amount,
      from: raw.from,
      to: raw.to,
      status: raw.status,
    };
    const page = (extra: Partial<Parameters<typeof SearchPage>[0]>, status: 200 | 400 | 502 = 200) =>
      c.html(<SearchPage {...view} company={company} search={shown} limited={false} {...extra} />, status);
    if (!raw.search) return page({});
    const parsed = searchSchema.safeParse(raw);
    if (!parsed.success) return page({ error: t(parsed.error.issues[0]!.message as MessageKey) }, 400);
    const found = await searchQboInvoices(
      deps.clients!.qbo(company),
      company,
      parsed.data as InvoiceSearch,
      deps.clock.now(),
    );
    if (!found.ok) return page({ error: t("addInvoice.error.qbo", { reason: found.error.message }) }, 502);
    const linked = await db
      .selectFrom("invoiceLinks as l")
      .innerJoin("invoices as i", "i.invoiceKey", "l.invoiceKey")
      .select("i.qboInvoiceId")
      .where("l.portalId", "=", embed.portalId)
      .where("l.objectType", "=", embed.objectType)
      .where("l.objectId", "=", embed.objectId)
      .where("i.connectionId", "=", company.connectionId)
      .execute();
    const already = new Set(linked.map((l) => l.qboInvoiceId));
    return page({
      results: found.value.map((f) => ({ ...f, already: already.has(f.id) })),
      limited: found.value.length >= SEARCH_LIMIT,
    });
  });

  app.post("/embed/invoices/add", async (c) => {
    const t = c.get("t");
    const embed = c.get("embed");
    const view = { t, locale: c.get("locale"), token: embed.token };
    const form = await c.req.formData();
    const { company } = await chosenCompany(c, String(form.get("company") ?? "") || "-");
    const back = (key: MessageKey, status: 400 | 404 | 502, params?: Record<string, string>) =>
      c.html(
        company ? (
          <SearchPage {...view} company={company} search={{}} limited={false} error={t(key, params)} />
        ) : (
          <PickCompanyPage {...view} companies={[]} error={t(key, params)} />
        ),
        status,
      );
    if (!company) return back("addInvoice.error.company", 400);
    const ids = invoiceIds.safeParse(form.getAll("invoice").map(String));
    if (!ids.success) return back("addInvoice.error.noneTicked", 400);

    // Read each from QBO: the facts we store are QuickBooks' own, as of now.
    const http = deps.clients!.qbo(company);
    const invoices: QboEntity[] = [];
    for (const id of new Set(ids.data)) {
      const read = await readEntity(http, "Invoice", id);
      if (!read.ok)
        return back(
          read.error.kind === "not_found" ? "addInvoice.error.invoice" : "addInvoice.error.qbo",
          read.error.kind === "not_found" ? 404 : 502,
        );
      invoices.push(read.value);
    }
    await db.transaction().execute((trx) =>
      trackInvoices(trx, deps.queue!, {
        connection: company,
        invoices,
        origin: "added",
        links: [{ objectType: embed.objectType, objectId: embed.objectId }],
        now: deps.clock.now(),
      }),
    );
    return c.html(<AddedPage {...view} count={invoices.length} />);
  });
  return app;
}
