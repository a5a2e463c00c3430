import type { Context } from "hono";
import type { Entity } from "../entities.ts";
import { refValue } from "../entities.ts";
import { present } from "../operations.ts";
import type { Company } from "../store.ts";
import type { QboWorld } from "../world.ts";
import type { Form } from "./forms.ts";
import { MAX_LINES } from "./forms.ts";
import type { ConsoleKey } from "./i18n.ts";
import { Shell } from "./layout.tsx";
import { InvoiceFormPage } from "./pages/invoice-form.tsx";
import { InvoicePage } from "./pages/invoice.tsx";
import { PaymentFormPage } from "./pages/payment-form.tsx";
import { CustomerPage, ItemPage } from "./pages/name-records.tsx";
import { EstimatePage, PaymentPage } from "./pages/txn-records.tsx";
import { SettingsPage } from "./pages/settings.tsx";
import { companyPath, companyToday, viewOf } from "./view.ts";

/** What a page shows besides its record: a success notice, or why a form was refused (and what was typed). */
export interface Extras {
  alert?: string;
  form?: Form;
}

export type DetailTab = "invoices" | "customers" | "items" | "payments" | "estimates";
export const DETAIL_ENTITY = {
  invoices: "Invoice",
  customers: "Customer",
  items: "Item",
  payments: "Payment",
  estimates: "Estimate",
} as const;

const DONE = new Set(["created", "paid", "sent", "voided", "deleted", "updated", "deactivated", "settings"]);

/** The notice of a POST-redirect-GET (`?done=paid`), in the page's language. */
export function noticeOf(c: Context): string | undefined {
  const done = c.req.query("done");
  if (!done || !DONE.has(done)) return undefined;
  return viewOf(c).t(`done.${done}` as ConsoleKey, { number: c.req.query("number") ?? "" });
}

export function notFoundPage(c: Context, message: string) {
  const view = viewOf(c);
  return c.html(<Shell view={view} title={message} />, 404);
}

/**
 * The console's pages that forms post from, each able to come back with the refusal (status 400):
 * the actions render the page they came from rather than redirect, so what was typed stays.
 */
export function renderers(world: QboWorld) {
  const status = (extras: Extras) => (extras.alert ? 400 : 200);
  return {
    detail(c: Context, company: Company, tab: DetailTab, id: string, extras: Extras = {}) {
      const view = viewOf(c, { path: companyPath(company, `/${tab}/${id}`) });
      const entity = DETAIL_ENTITY[tab];
      const stored = company.get(entity, id);
      if (!stored) return notFoundPage(c, view.t("err.notFound"));
      const record = present({ company }, entity, stored);
      const props = {
        view,
        company,
        record,
        today: companyToday(company, world.now()),
        notice: noticeOf(c),
        ...extras,
      };
      if (tab === "invoices") return c.html(<InvoicePage {...props} invoice={record} />, status(extras));
      const Page = {
        customers: CustomerPage,
        items: ItemPage,
        payments: PaymentPage,
        estimates: EstimatePage,
      }[tab];
      return c.html(<Page {...props} />, status(extras));
    },
    newInvoice(c: Context, company: Company, extras: Extras = {}) {
      const asked = Number(c.req.query("lines") ?? 3);
      const lines = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), MAX_LINES) : 3;
      return c.html(
        <InvoiceFormPage
          view={viewOf(c, { path: companyPath(company, "/invoices/new") })}
          company={company}
          lines={lines}
          form={extras.form ?? (c.req.method === "GET" ? c.req.query() : undefined)}
          alert={extras.alert}
        />,
        status(extras),
      );
    },
    newPayment(c: Context, company: Company, customerId: string | undefined, extras: Extras = {}) {
      const customer = customerId ? company.get("Customer", customerId) : undefined;
      return c.html(
        <PaymentFormPage
          view={viewOf(c, { path: companyPath(company, "/payments/new"), params: { customer: customerId } })}
          company={company}
          customer={customer}
          invoices={customer ? openInvoices(company, String(customer.Id)) : []}
          invoiceId={c.req.query("invoice")}
          {...extras}
        />,
        status(extras),
      );
    },
    settings(c: Context, company: Company, extras: Extras = {}) {
      return c.html(
        <SettingsPage
          view={viewOf(c, { path: companyPath(company, "/settings") })}
          company={company}
          notice={noticeOf(c)}
          {...extras}
        />,
        status(extras),
      );
    },
  };
}

/** A customer's invoices with money still owed, oldest first (the order QBO's receive-payment lists them). */
export function openInvoices(company: Company, customerId: string): Entity[] {
  return company
    .list("Invoice")
    .filter((inv) => refValue(inv.CustomerRef) === customerId && Number(inv.Balance ?? 0) > 0)
    .sort((a, b) => Number(a.Id) - Number(b.Id));
}
