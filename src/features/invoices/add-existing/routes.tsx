import { Hono, type Context } from "hono";
import { readEntity } from "../../../connectors/qbo/write.ts";
import type { QboEntity } from "../../../connectors/qbo/client.ts";
import type { MessageKey } from "../../../web/i18n/index.ts";
import { searchQboInvoices, SEARCH_LIMIT, type InvoiceSearch } from "./search.ts";
import { invoiceIds, searchSchema } from "./form.ts";
import { trackInvoices } from "../track.ts";
import { AddedPage, PickCompanyPage, SearchPage } from "./pages/add-existing.tsx";
import type { AppDeps } from "../../../http/app.tsx";
import type { AppEnv } from "../../../http/context.ts";
import { embedAuth, type EmbedContext } from "../../../http/middleware/embed.ts";

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
    if (!deps.clients || !deps.queue) return c.text(c.get("t")("addInvoice.unconfigured"), 503);
    await next();
  });

  const companies = (portalId: string) =>
    db
      .selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "companyName", "homeCurrency", "timeZone", "status"])
      .where("portalId", "=", portalId)
      .orderBy("createdAt")
      .execute();

  /** The QBO ids of the company's invoices already on the token's record. */
  async function alreadyLinked(embed: EmbedContext, connectionId: string) {
    const rows = await db
      .selectFrom("invoiceLinks as l")
      .innerJoin("invoices as i", "i.invoiceKey", "l.invoiceKey")
      .select("i.qboInvoiceId")
      .where("l.portalId", "=", embed.portalId)
      .where("l.objectType", "=", embed.objectType)
      .where("l.objectId", "=", embed.objectId)
      .where("i.connectionId", "=", connectionId)
      .execute();
    return new Set(rows.map((r) => r.qboInvoiceId));
  }

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
    const already = await alreadyLinked(c.get("embed"), company.connectionId);
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
    const { all, company } = await chosenCompany(c, String(form.get("company") ?? "") || "-");
    const back = (key: MessageKey, status: 400 | 404 | 502, params?: Record<string, string>) =>
      c.html(
        company ? (
          <SearchPage {...view} company={company} search={{}} limited={false} error={t(key, params)} />
        ) : (
          <PickCompanyPage
            {...view}
            companies={all.map((x) => ({ ...x, active: x.status === "active" }))}
            error={t(key, params)}
          />
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
        return read.error.kind === "not_found"
          ? back("addInvoice.error.invoice", 404)
          : back("addInvoice.error.qboRead", 502, { reason: read.error.message });
      invoices.push(read.value);
    }
    const before = await alreadyLinked(embed, company.connectionId);
    await db.transaction().execute((trx) =>
      trackInvoices(trx, deps.queue!, {
        connection: company,
        invoices,
        origin: "added",
        links: [{ objectType: embed.objectType, objectId: embed.objectId }],
        now: deps.clock.now(),
      }),
    );
    const again = invoices.filter((i) => before.has(i.Id)).length;
    return c.html(<AddedPage {...view} count={invoices.length - again} already={again} />);
  });
  return app;
}
