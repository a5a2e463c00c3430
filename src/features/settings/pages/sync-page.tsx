import type { InitialSyncRow } from "../../record-sync/index.ts";
import type { ReviewItemRow } from "../../record-sync/index.ts";
import type { SyncSettings } from "../schema.ts";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";
import { InitialSection } from "../../record-sync/index.ts";
import { SettingsForm, type SyncTab } from "./settings-form.tsx";

const TABS: SyncTab[] = ["contacts", "products", "invoices"];

/** Sync settings per QBO company, one tab per object (C, P, V), and the review list of records that could not be matched for sure. */
export function SyncPage(
  props: PageProps & {
    companies: Array<{ connectionId: string; companyName: string }>;
    connectionId?: string;
    tab: SyncTab;
    settings?: SyncSettings;
    reviews: ReviewItemRow[];
    runs: InitialSyncRow[];
    flash?: string;
    error?: string;
  },
) {
  const { t } = props;
  const conn = props.connectionId;
  return (
    <Layout {...props} title={t("sync.title")} section="sync">
      <p>{t("sync.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      {!conn || !props.settings ? (
        <p>{t("sync.noCompany")}</p>
      ) : (
        <>
          <nav class="tabs" aria-label={t("sync.company")}>
            {props.companies.map((c) => (
              <a
                href={`/sync?company=${c.connectionId}&tab=${props.tab}`}
                aria-current={c.connectionId === conn ? "page" : undefined}
              >
                {c.companyName}
              </a>
            ))}
          </nav>
          <nav class="tabs" aria-label={t("sync.tabs")}>
            {TABS.map((tab) => (
              <a
                href={`/sync?company=${conn}&tab=${tab}`}
                aria-current={tab === props.tab ? "page" : undefined}
              >
                {t(`sync.tab.${tab}`)}
              </a>
            ))}
          </nav>
          <SettingsForm
            t={t}
            csrf={props.csrfToken}
            connectionId={conn}
            tab={props.tab}
            settings={props.settings}
          />
          <p>
            <a
              href={`/mappings?company=${conn}&object=${props.tab === "contacts" ? "contact" : props.tab === "products" ? "product" : "invoice"}`}
            >
              {t("sync.mappingsLink")}
            </a>
            {props.tab === "contacts" ? (
              <>
                {" · "}
                <a href={`/sync/${conn}/behaviour`}>{t("sync.behaviour.preview")}</a>
              </>
            ) : null}
          </p>
          {props.tab !== "invoices" ? (
            <InitialSection
              t={t}
              connectionId={conn}
              object={props.tab}
              runs={props.runs}
              locale={props.locale}
            />
          ) : null}
          <Reviews {...props} connectionId={conn} />
        </>
      )}
    </Layout>
  );
}

function Reviews(props: PageProps & { connectionId: string; reviews: ReviewItemRow[] }) {
  const { t } = props;
  return (
    <section>
      <h2>{t("sync.review.title")}</h2>
      {props.reviews.length === 0 ? (
        <p>{t("sync.review.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("sync.review.record")}</th>
              <th>{t("sync.review.reason")}</th>
              <th>{t("sync.review.candidates")}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {props.reviews.map((r) => (
              <tr>
                <td>{r.label}</td>
                <td>{r.reason}</td>
                <td>
                  {(r.candidates as Array<{ id: string; label: string }>).map((c) => (
                    <form
                      method="post"
                      action={`/sync/${props.connectionId}/review/${r.reviewId}/link`}
                      class="inline"
                    >
                      <CsrfField token={props.csrfToken} />
                      <input type="hidden" name="candidate" value={c.id} />
                      {c.label} <button type="submit">{t("sync.review.link")}</button>
                    </form>
                  ))}
                </td>
                <td>
                  <form method="post" action={`/sync/${props.connectionId}/review/${r.reviewId}/dismiss`}>
                    <CsrfField token={props.csrfToken} />
                    <button type="submit">{t("sync.review.dismiss")}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
