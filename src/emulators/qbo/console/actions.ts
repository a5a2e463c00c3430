import type { Context, Hono } from "hono";
import type { Entity } from "../entities.ts";
import { send } from "../operations.ts";
import type { QboWorld } from "../world.ts";
import { write } from "../write.ts";
import { apply } from "./apply.ts";
import { invoiceBody, paymentBody, sendTo, target, termsBody, type Form } from "./forms.ts";
import { DETAIL_ENTITY, openInvoices, type DetailTab, type renderers } from "./render.tsx";
import { companyPath, viewOf, type ConsoleEnv } from "./view.ts";

async function formOf(c: Context): Promise<Form> {
  const body = await c.req.parseBody();
  const form: Form = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") form[k] = v;
  return form;
}

/**
 * The console's forms. Each runs the API's operation through `apply`, then POST-redirect-GET to the
 * page that shows the result; a refusal renders the page it came from again (400).
 */
export function mountActions(app: Hono<ConsoleEnv>, world: QboWorld, render: ReturnType<typeof renderers>) {
  const back = (c: Context, path: string, done: string, number?: string) =>
    c.redirect(viewOf(c).href(path, { done, number }), 303);

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
}
