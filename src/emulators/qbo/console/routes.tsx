import { Hono, type Context } from "hono";
import type { Entity } from "../entities.ts";
import { present, send } from "../operations.ts";
import type { Company } from "../store.ts";
import type { QboWorld } from "../world.ts";
import { write } from "../write.ts";
import { apply } from "./apply.ts";
import { paymentBody, invoiceBody, sendTo, target, termsBody, type Form } from "./forms.ts";
import { CompaniesPage } from "./pages/companies.tsx";
import { CustomersList, EstimatesList, InvoicesList, ItemsList, PaymentsList } from "./pages/lists.tsx";
import { DETAIL_ENTITY, noticeOf, notFoundPage, openInvoices, renderers, type DetailTab } from "./render.tsx";
import { companyPath, companyToday, viewOf } from "./view.ts";

type Env = { Variables: { company: Company } };

async function formOf(c: Context): Promise<Form> {
  const body = await c.req.parseBody();
  const form: Form = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") form[k] = v;
  return form;
}

/**
 * The QuickBooks console at `/`: server-rendered pages a bookkeeper clicks, in English and Japanese.
 * Every action is a plain form whose route runs the API's own operation through `apply` (so webhooks
 * and CDC follow as for an API call), then redirects to a page that says what happened.
 */
export function consoleRoutes(world: QboWorld): Hono<Env> {
  const app = new Hono<Env>();
  const render = renderers(world);

  app.get("/", (c) => c.html(<CompaniesPage view={viewOf(c)} companies={[...world.companies.values()]} />));

  app.use("/companies/:realm/*", async (c, next) => {
    const company = world.companies.get(c.req.param("realm"));
    if (!company) return notFoundPage(c, viewOf(c).t("err.company", { realm: c.req.param("realm") }));
    c.set("company", company);
    await next();
    return undefined;
  });
  app.get("/companies/:realm", (c) => c.redirect(viewOf(c).href(`${c.req.path}/invoices`), 303));

  const back = (c: Context, path: string, done: string, number?: string) =>
    c.redirect(viewOf(c).href(path, { done, number }), 303);

  // Lists and forms (registered before /:tab/:id so "new" is not read as an id).
  app.get("/companies/:realm/invoices/new", (c) => render.newInvoice(c, c.get("company")));
  app.get("/companies/:realm/payments/new", (c) =>
    render.newPayment(c, c.get("company"), c.req.query("customer")),
  );
  app.get("/companies/:realm/settings", (c) => render.settings(c, c.get("company")));
  app.get("/companies/:realm/:tab", (c, next) => {
    const company = c.get("company");
    const props = {
      view: viewOf(c),
      company,
      today: companyToday(company, world.now()),
      notice: noticeOf(c),
    };
    switch (c.req.param("tab")) {
      case "invoices":
        return c.html(<InvoicesList {...props} />);
      case "customers": {
        const balances = new Map(
          company
            .list("Customer")
            .map((cu) => [String(cu.Id), Number(present({ company }, "Customer", cu).Balance ?? 0)]),
        );
        return c.html(<CustomersList {...props} balances={balances} />);
      }
      case "items":
        return c.html(<ItemsList {...props} />);
      case "payments":
        return c.html(<PaymentsList {...props} />);
      case "estimates":
        return c.html(<EstimatesList {...props} />);
      default:
        return next();
    }
  });
  app.get("/companies/:realm/:tab/:id", (c, next) => {
    const tab = c.req.param("tab");
    if (!(tab in DETAIL_ENTITY)) return next();
    return render.detail(c, c.get("company"), tab as DetailTab, c.req.param("id"));
  });

  // Actions: each runs the API's operation, then POST-redirect-GET; a refusal re-renders its page.
  app.post("/companies/:realm/invoices", async (c) => {
    const company = c.get("company");
    const form = await formOf(c);
    const t = viewOf(c).t;
    const needsTaxCode = company.settings.country !== "US";
    const done = apply(world, company, t, (ctx) =>
      write(ctx, "Invoice", "create", invoiceBody(form, { needsTaxCode })),
    );
    if (!done.ok) return render.newInvoice(c, company, { alert: done.message, form });
    const invoice = done.value;
    return back(
      c,
      companyPath(company, `/invoices/${String(invoice.Id)}`),
      "created",
      String(invoice.DocNumber ?? ""),
    );
  });

  app.post("/companies/:realm/payments", async (c) => {
    const company = c.get("company");
    const form = await formOf(c);
    const customerId = (form.customer ?? "").trim();
    const invoices = customerId ? openInvoices(company, customerId) : [];
    const done = apply(world, company, viewOf(c).t, (ctx) =>
      write(ctx, "Payment", "create", paymentBody(form, invoices)),
    );
    if (!done.ok)
      return render.newPayment(c, company, customerId || undefined, { alert: done.message, form });
    return back(c, companyPath(company, `/payments/${String(done.value.Id)}`), "paid");
  });

  app.post("/companies/:realm/invoices/:id/send", async (c) => {
    const company = c.get("company");
    const id = c.req.param("id");
    const form = await formOf(c);
    const done = apply(world, company, viewOf(c).t, (ctx) => send(ctx, "Invoice", id, sendTo(form)));
    if (!done.ok) return render.detail(c, company, "invoices", id, { alert: done.message });
    return back(c, companyPath(company, `/invoices/${id}`), "sent");
  });

  app.post("/companies/:realm/invoices/:id/terms", async (c) => {
    const company = c.get("company");
    const id = c.req.param("id");
    const form = await formOf(c);
    const done = apply(world, company, viewOf(c).t, (ctx) =>
      write(ctx, "Invoice", "update", termsBody(form, target(form, id))),
    );
    if (!done.ok) return render.detail(c, company, "invoices", id, { alert: done.message });
    return back(c, companyPath(company, `/invoices/${id}`), "updated");
  });

  /** Void (invoices, payments) and delete (any transaction): `operation=void|delete` with Id and SyncToken. */
  for (const operation of ["void", "delete"] as const) {
    app.post(`/companies/:realm/:tab/:id/${operation}`, async (c, next) => {
      const tab = c.req.param("tab");
      const allowed = operation === "void" ? ["invoices", "payments"] : ["invoices", "payments", "estimates"];
      if (!allowed.includes(tab)) return next();
      const company = c.get("company");
      const id = c.req.param("id");
      const form = await formOf(c);
      const entity = DETAIL_ENTITY[tab as "invoices" | "payments" | "estimates"];
      const done = apply(world, company, viewOf(c).t, (ctx) =>
        write(ctx, entity, operation, target(form, id)),
      );
      if (!done.ok) return render.detail(c, company, tab as DetailTab, id, { alert: done.message });
      const path =
        operation === "delete" ? companyPath(company, `/${tab}`) : companyPath(company, `/${tab}/${id}`);
      return back(c, path, operation === "void" ? "voided" : "deleted");
    });
  }

  app.post("/companies/:realm/customers/:id/deactivate", async (c) => {
    const company = c.get("company");
    const id = c.req.param("id");
    const form = await formOf(c);
    const body: Entity = { ...target(form, id), sparse: true, Active: false };
    const done = apply(world, company, viewOf(c).t, (ctx) => write(ctx, "Customer", "update", body));
    if (!done.ok) return render.detail(c, company, "customers", id, { alert: done.message });
    return back(c, companyPath(company, `/customers/${id}`), "deactivated");
  });

  app.post("/companies/:realm/settings", async (c) => {
    const company = c.get("company");
    const form = await formOf(c);
    const body: Entity = {
      ...target(form, "1"),
      SalesFormsPrefs: { CustomTxnNumbers: form.customTxnNumbers === "on" },
      CurrencyPrefs: { MultiCurrencyEnabled: form.multiCurrency === "on" },
    };
    const done = apply(world, company, viewOf(c).t, (ctx) => write(ctx, "Preferences", "update", body));
    if (!done.ok) return render.settings(c, company, { alert: done.message });
    return back(c, companyPath(company, "/settings"), "settings");
  });

  return app;
}
