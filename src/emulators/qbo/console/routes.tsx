import { Hono } from "hono";
import { present } from "../operations.ts";
import type { QboWorld } from "../world.ts";
import { mountActions } from "./actions.ts";
import { CompaniesPage } from "./pages/companies.tsx";
import { InvoicesList } from "./pages/invoice-list.tsx";
import { CustomersList, ItemsList } from "./pages/name-lists.tsx";
import { EstimatesList, PaymentsList } from "./pages/txn-lists.tsx";
import { DETAIL_ENTITY, noticeOf, notFoundPage, renderers, type DetailTab } from "./render.tsx";
import { companyToday, viewOf, type ConsoleEnv } from "./view.ts";

/**
 * The QuickBooks console at `/`: server-rendered pages a bookkeeper clicks, in English and Japanese.
 * Every action is a plain form whose route runs the API's own operation through `apply` (so webhooks
 * and CDC follow as for an API call), then redirects to a page that says what happened.
 */
export function consoleRoutes(world: QboWorld): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
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

  mountActions(app, world, render);
  return app;
}
