import type { Entity } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { word } from "../i18n.ts";
import type { View } from "../view.ts";
import { RecordLink } from "./parts.tsx";

/** The payments, estimates or invoices a transaction is linked to, each a link to its page. */
export function Linked(props: { view: View; company: Company; txn: Entity }) {
  const { view, company } = props;
  const links = (props.txn.LinkedTxn ?? []) as Entity[];
  if (links.length === 0) return null;
  const tabOf: Record<string, string> = { Invoice: "invoices", Payment: "payments", Estimate: "estimates" };
  return (
    <>
      <h2>{view.t("detail.linked")}</h2>
      <ul>
        {links.map((link) => {
          const type = String(link.TxnType);
          const entity = company.get(type as "Invoice", String(link.TxnId));
          return (
            <li>
              {word(view.t, "detail.txnType", type)}{" "}
              <RecordLink
                view={view}
                company={company}
                tab={tabOf[type] ?? "invoices"}
                id={link.TxnId}
                label={entity?.DocNumber ?? link.TxnId}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}
