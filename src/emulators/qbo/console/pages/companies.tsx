import type { Company } from "../../store.ts";
import { counted } from "../i18n.ts";
import { Shell } from "../layout.tsx";
import { companyPath, type View } from "../view.ts";

/** `/`: every company (realm) in the emulator. */
export function CompaniesPage(props: { view: View; companies: Company[] }) {
  const { view } = props;
  const { t } = view;
  return (
    <Shell view={view} title={t("nav.companies")}>
      {props.companies.length === 0 ? (
        <p>{t("companies.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.name")}</th>
              <th>{t("companies.realm")}</th>
              <th>{t("companies.country")}</th>
              <th>{t("companies.currency")}</th>
              <th>{t("nav.customers")}</th>
              <th>{t("nav.invoices")}</th>
            </tr>
          </thead>
          <tbody>
            {props.companies.map((company) => (
              <tr data-realm={company.settings.realmId}>
                <td>
                  <a href={view.href(companyPath(company, "/invoices"))}>{company.settings.name}</a>
                </td>
                <td>{company.settings.realmId}</td>
                <td>{company.settings.country}</td>
                <td>{company.settings.homeCurrency}</td>
                <td class="nowrap">{counted(t, "customers", company.table("Customer").size)}</td>
                <td class="nowrap">{counted(t, "invoices", company.table("Invoice").size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Shell>
  );
}
