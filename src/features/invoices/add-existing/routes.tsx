import { Hono } from "hono";
import type { MessageKey } from "../../../web/i18n/index.ts";
import type { InvoiceSearch } from "./search.ts";
import { invoiceIds, searchSchema } from "./form.ts";
import { AddedPage, PickCompanyPage, SearchPage } from "./pages/add-existing.tsx";
import type { AppDeps } from "../../../http/context.ts";
import type { AppEnv } from "../../../http/context.ts";
import { embedAuth } from "../../../http/middleware/embed.ts";
import { addInvoices, chooseCompany, searchInvoices } from "./service.ts";

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
    return next();
  });

  app.get("/embed/invoices/add", async (c) => {
    const t = c.get("t");
    const embed = c.get("embed");
    const view = { t, locale: c.get("locale"), token: embed.token };
    const { all, company, named } = await chooseCompany(db, embed.portalId, c.req.query("company"));
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
    const found = await searchInvoices(deps, company, parsed.data as InvoiceSearch, embed);
    if (!found.ok) return page({ error: t("addInvoice.error.qbo", { reason: found.error.message }) }, 502);
    return page(found.value);
  });

  app.post("/embed/invoices/add", async (c) => {
    const t = c.get("t");
    const embed = c.get("embed");
    const view = { t, locale: c.get("locale"), token: embed.token };
    const form = await c.req.formData();
    const { all, company } = await chooseCompany(
      db,
      embed.portalId,
      String(form.get("company") ?? "") || "-",
    );
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

    const outcome = await addInvoices(deps, company, ids.data, embed);
    if (outcome.kind === "not_found") return back("addInvoice.error.invoice", 404);
    if (outcome.kind === "read_failed")
      return back("addInvoice.error.qboRead", 502, { reason: outcome.reason });
    return c.html(<AddedPage {...view} count={outcome.added} already={outcome.already} />);
  });
  return app;
}
