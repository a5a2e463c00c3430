import type { Entity } from "../../entities.ts";
import { word } from "../i18n.ts";
import { ListShell, type ListProps } from "./list-shell.tsx";
import { currencyOf, Empty, Money, RecordLink } from "./parts.tsx";

/** The name lists: customers and products and services, by name. */
export function CustomersList(props: ListProps & { balances: Map<string, number> }) {
  const { view, company } = props;
  const { t } = view;
  const rows = [...company.list("Customer")].sort((a, b) =>
    String(a.DisplayName).localeCompare(String(b.DisplayName)),
  );
  return (
    <ListShell {...props} tab="customers">
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.name")}</th>
              <th>{t("col.email")}</th>
              <th class="num">{t("col.balance")}</th>
              <th>{t("col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((cu) => (
              <tr>
                <td>
                  <RecordLink
                    view={view}
                    company={company}
                    tab="customers"
                    id={cu.Id}
                    label={cu.DisplayName}
                  />
                </td>
                <td>{String((cu.PrimaryEmailAddr as Entity | undefined)?.Address ?? "")}</td>
                <td class="num">
                  <Money
                    view={view}
                    amount={props.balances.get(String(cu.Id))}
                    currency={currencyOf(company, cu)}
                  />
                </td>
                <td>{cu.Active === false ? t("status.inactive") : t("status.active")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}

export function ItemsList(props: ListProps) {
  const { view, company } = props;
  const { t } = view;
  const rows = [...company.list("Item")].sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  return (
    <ListShell {...props} tab="items">
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.name")}</th>
              <th>{t("col.type")}</th>
              <th>{t("col.description")}</th>
              <th class="num">{t("col.price")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr>
                <td>
                  <RecordLink view={view} company={company} tab="items" id={item.Id} label={item.Name} />
                </td>
                <td>{word(t, "itemType", item.Type)}</td>
                <td>{String(item.Description ?? "")}</td>
                <td class="num">
                  <Money view={view} amount={item.UnitPrice} currency={company.settings.homeCurrency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}
