import type { InitialSyncRow } from "../../record-sync/index.ts";
import type { ReviewItemRow } from "../../record-sync/index.ts";
import type { SyncSettings } from "../schema.ts";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";
import { InitialSection } from "../../record-sync/index.ts";
import { SettingsForm, type SyncTab } from "./settings-form.tsx";
import { parseReviewReason } from "../../record-sync/index.ts";
import { reviewReasonText } from "./words.ts";

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
  const openName = props.companies.find((c) => c.connectionId === conn)?.companyName ?? "";
  return (
    <Layout {...props} title={t("sync.title")} section="sync">
      <p>{t("sync.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      {!conn || !props.settings ? (
        <p>{t("sync.noCompany")}</p>
      ) : (
        <>
          <p class="tab-label" id="company-label">
            {t("sync.company")}
          </p>
          <nav class="tabs companies" aria-labelledby="company-label">
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
          <div class="tab-panel">
            <h2 id="open-settings">
              {t("sync.open", { name: openName })} · {t(`sync.tab.${props.tab}`)}
            </h2>
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
            </p>
          </div>
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

type Candidate = { id: string; label: string; email?: string };

function Reviews(props: PageProps & { connectionId: string; reviews: ReviewItemRow[] }) {
  const { t } = props;
  return (
    <section id="reviews">
      <h2>{t("sync.review.title")}</h2>
      {props.reviews.length === 0 ? (
        <p>{t("sync.review.empty")}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th>{t("sync.review.record")}</th>
              <th>{t("sync.review.reason")}</th>
              <th>{t("sync.review.candidates")}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {props.reviews.map((r) => {
              const reason = parseReviewReason(r.reason);
              const candidates = r.candidates as Candidate[];
              return (
                <tr data-review={r.reviewId}>
                  <td>
                    <span class="record-name">{r.label}</span>
                    <span class="record-meta">{reason?.email ?? t("sync.review.noEmail")}</span>
                    <span class="record-meta">
                      {t(`sync.review.side.${r.side}.${r.kind}`, { id: r.recordId })}
                    </span>
                  </td>
                  <td>{reason ? reviewReasonText(t, r, reason, candidates) : r.reason}</td>
                  <td>
                    {candidates.map((c) => (
                      <form
                        method="post"
                        action={`/sync/${props.connectionId}/review/${r.reviewId}/link`}
                        class="candidate"
                      >
                        <CsrfField token={props.csrfToken} />
                        <input type="hidden" name="candidate" value={c.id} />
                        <span>
                          <span class="record-name">{c.label}</span>
                          <span class="record-meta">
                            {c.email ?? t("sync.review.noEmail")} ·{" "}
                            {t(`sync.review.side.${reason?.target ?? otherSide(r.side)}.${r.kind}`, {
                              id: c.id,
                            })}
                          </span>
                        </span>
                        <button type="submit" class="secondary">
                          {t("sync.review.link")}
                        </button>
                      </form>
                    ))}
                  </td>
                  <td>
                    <form method="post" action={`/sync/${props.connectionId}/review/${r.reviewId}/dismiss`}>
                      <CsrfField token={props.csrfToken} />
                      <button type="submit" class="secondary">
                        {t("sync.review.dismiss")}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const otherSide = (side: "hubspot" | "qbo") => (side === "hubspot" ? "qbo" : "hubspot");
