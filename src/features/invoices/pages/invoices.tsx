import type { InvoiceStateColumn } from "../../../db/schema/index.ts";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";

const STATES: InvoiceStateColumn[] = ["awaiting_send", "sent", "partially_paid", "paid", "overdue", "voided"];

export interface InvoiceListRow {
  invoiceKey: string;
  qboInvoiceId: string;
  docNumber: string | null;
  companyName: string;
  customerName: string;
  currency: string;
  totalAmt: string;
  balance: string;
  dueDate: string | null;
  state: InvoiceStateColumn;
  links: Array<{ objectType: "deals" | "contacts" | "companies"; objectId: string }>;
}

export interface InvoiceFilterView {
  status: string;
  company: string;
  customer: string;
  deal: string;
  dueFrom: string;
  dueTo: string;
}

/** The CSV link carries the page's filters, so the file holds what the page shows. */
function csvQuery(filter: InvoiceFilterView): string {
  const query = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== ""),
  ).toString();
  return query ? `?${query}` : "";
}

/** Every invoice Ledgerlink follows, filterable by status, company, customer, deal and due date. */
export function InvoicesPage(
  props: PageProps & {
    rows: InvoiceListRow[];
    companies: Array<{ connectionId: string; companyName: string }>;
    filter: InvoiceFilterView;
    flash?: string;
    error?: string;
  },
) {
  const { t, filter } = props;
  const money = (amount: string, currency: string) =>
    new Intl.NumberFormat(props.locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency }).format(
      Number(amount),
    );
  return (
    <Layout {...props} title={t("invoices.title")} section="invoices">
      <p>{t("invoices.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      <form method="get" action="/invoices" class="filters">
        <label>
          {t("invoices.filter.status")}{" "}
          <select name="status">
            <option value="">{t("invoices.filter.any")}</option>
            {STATES.map((s) => (
              <option value={s} selected={filter.status === s}>
                {t(`card.status.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("invoices.filter.company")}{" "}
          <select name="company">
            <option value="">{t("invoices.filter.any")}</option>
            {props.companies.map((c) => (
              <option value={c.connectionId} selected={filter.company === c.connectionId}>
                {c.companyName}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("invoices.filter.customer")} <input name="customer" value={filter.customer} size={14} />
        </label>{" "}
        <label>
          {t("invoices.filter.deal")} <input name="deal" value={filter.deal} size={10} />
        </label>{" "}
        <label>
          {t("invoices.filter.dueFrom")} <input type="date" name="dueFrom" value={filter.dueFrom} />
        </label>{" "}
        <label>
          {t("invoices.filter.dueTo")} <input type="date" name="dueTo" value={filter.dueTo} />
        </label>{" "}
        <button type="submit">{t("invoices.filter.apply")}</button>
      </form>
      <p class="exports">
        <a href={`/invoices.csv${csvQuery(filter)}`} download>
          {t("invoices.csv")}
        </a>
      </p>
      <form method="post" action="/invoices/overdue-pass">
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t("invoices.overdue")}</button>
      </form>
      {props.rows.length === 0 ? (
        <p class="muted">{t("invoices.none")}</p>
      ) : (
        <table class="ledger invoices" id="invoices">
          <thead>
            <tr>
              <th>{t("invoices.col.number")}</th>
              <th>{t("invoices.col.company")}</th>
              <th>{t("invoices.col.customer")}</th>
              <th>{t("invoices.col.amount")}</th>
              <th>{t("invoices.col.balance")}</th>
              <th>{t("invoices.col.due")}</th>
              <th>{t("invoices.col.status")}</th>
              <th>{t("invoices.col.records")}</th>
              <th>{t("invoices.col.pdf")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr data-state={r.state}>
                <td>{r.docNumber ?? r.qboInvoiceId}</td>
                <td>{r.companyName}</td>
                <td>{r.customerName}</td>
                <td>{money(r.totalAmt, r.currency)}</td>
                <td>{money(r.balance, r.currency)}</td>
                <td>{r.dueDate ?? ""}</td>
                <td>{t(`card.status.${r.state}`)}</td>
                <td>
                  {r.links.map((l) => t(`invoices.record.${l.objectType}`, { id: l.objectId })).join(", ")}
                </td>
                <td>
                  <a href={`/invoices/${encodeURIComponent(r.invoiceKey)}/preview`} target="_blank">
                    {t("invoices.preview")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
