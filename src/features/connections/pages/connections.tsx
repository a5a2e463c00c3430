import { ConfirmAction } from "../../../web/confirm.tsx";
import { CsrfField, Layout, type PageProps } from "../../../web/layout.tsx";

export interface PortalView {
  portalId: string;
  companyCurrency: string;
  timeZone: string;
  status: "active" | "needs_reconnect";
}

export interface CompanyView {
  connectionId: string;
  realmId: string;
  companyName: string;
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  customTxnNumbers: boolean;
  status: "active" | "needs_reconnect";
}

export function ConnectionsPage(
  props: PageProps & {
    portal: PortalView;
    companies: CompanyView[];
    qboConfigured: boolean;
    flash?: string;
    /** Jobs parked until each connection is reconnected, by "qbo:<id>" / "hubspot:<portal>" (ADR 0033). */
    waiting?: Map<string, number>;
  },
) {
  const { t, portal, companies } = props;
  const broken = companies.filter((c) => c.status === "needs_reconnect");
  return (
    <Layout {...props} title={t("connections.title")} section="connections">
      {props.flash ? (
        <p class="notice" role="status">
          {props.flash}
        </p>
      ) : null}
      {broken.map((c) => (
        <p class="banner" role="alert">
          {t("connections.banner.reconnect", { name: c.companyName })}
        </p>
      ))}
      <section>
        <h2>{t("connections.hubspot")}</h2>
        <p data-testid="hubspot-portal">
          {t("connections.hubspot.portal", {
            portal: portal.portalId,
            currency: portal.companyCurrency,
            tz: portal.timeZone,
          })}{" "}
          · <strong>{t(`connections.status.${portal.status}`)}</strong>
        </p>
        {portal.status === "needs_reconnect" ? (
          <p>
            <a class="button" href="/auth/hubspot" data-testid="reconnect-hubspot">
              {t("connections.reconnect")}
            </a>{" "}
            <Waiting t={t} count={props.waiting?.get(`hubspot:${portal.portalId}`)} />
          </p>
        ) : null}
      </section>
      <section>
        <h2>{t("connections.qbo")}</h2>
        {companies.length === 0 ? <p>{t("connections.qbo.none")}</p> : null}
        <ul class="companies">
          {companies.map((c) => (
            <li data-testid="qbo-company" data-realm={c.realmId}>
              <strong>{c.companyName}</strong>{" "}
              {t("connections.qbo.row", {
                name: c.companyName,
                realm: c.realmId,
                country: c.country,
                currency: c.homeCurrency,
              })}
              {" · "}
              <strong>{t(`connections.status.${c.status}`)}</strong>
              {c.multiCurrency ? <span> · {t("connections.qbo.multiCurrency")}</span> : null}
              {c.customTxnNumbers ? <p class="notice">{t("connections.qbo.customNumbers")}</p> : null}
              {c.status === "needs_reconnect" && props.qboConfigured ? (
                // Reconnecting is connecting again: the same company keeps its id and settings.
                <form method="post" action="/connections/qbo" data-testid="reconnect-qbo">
                  <CsrfField token={props.csrfToken} />
                  <button type="submit">{t("connections.reconnect")}</button>{" "}
                  <Waiting t={t} count={props.waiting?.get(`qbo:${c.connectionId}`)} />
                </form>
              ) : null}
              <form method="post" action={`/connections/qbo/${c.connectionId}/disconnect`}>
                <CsrfField token={props.csrfToken} />
                <button type="submit">{t("connections.qbo.disconnect")}</button>
              </form>
              <p>
                <ConfirmAction
                  action={`/connections/qbo/${c.connectionId}/disconnect`}
                  csrfToken={props.csrfToken}
                  label={t("connections.qbo.disconnect")}
                  question={t("connections.qbo.disconnect.question", { name: c.companyName })}
                  confirmLabel={t("connections.qbo.disconnect.confirm", { name: c.companyName })}
                />
              </p>
            </li>
          ))}
        </ul>
        {props.qboConfigured ? (
          <form method="post" action="/connections/qbo">
            <CsrfField token={props.csrfToken} />
            <button type="submit">
              {t(broken.length ? "connections.reconnect" : "connections.qbo.connect")}
            </button>
          </form>
        ) : (
          <p class="notice">{t("connections.qbo.notConfigured")}</p>
        )}
      </section>
    </Layout>
  );
}

function Waiting(props: { t: PageProps["t"]; count: number | undefined }) {
  if (!props.count) return null;
  return <span class="lead">{props.t("connections.waiting", { count: String(props.count) })}</span>;
}
