import type { BehaviourPreview } from "../migration.ts";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../../../web/confirm.tsx";
import { CsrfField, Layout, type PageProps } from "../../../web/layout.tsx";
import { filterFailureText } from "./words.ts";

/**
 * X1: the preview of switching from legacy to sync-filter behaviour, and the only way to switch:
 * its button posts the confirm field, which the route requires.
 */
export function BehaviourPage(
  props: PageProps & { connectionId: string; preview?: BehaviourPreview; error?: string },
) {
  const { t, preview } = props;
  return (
    <Layout {...props} title={t("sync.migration.title")} section="sync">
      {props.error ? (
        <p class="banner" role="alert">
          {props.error}
        </p>
      ) : null}
      {preview ? (
        <>
          <p>{t("sync.migration.intro")}</p>
          <p id="migration-count">
            {t("sync.migration.count", { count: preview.excluded.length, total: preview.total })}
          </p>
          {preview.excluded.length === 0 ? (
            <p>{t("sync.migration.none")}</p>
          ) : (
            <table class="data" id="excluded">
              <thead>
                <tr>
                  <th>{t("sync.review.record")}</th>
                  <th>{t("sync.review.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.excluded.map((c) => (
                  <tr data-contact={c.hubspotId}>
                    <td>
                      {c.email
                        ? t("sync.migration.contact", { name: c.label, email: c.email, id: c.hubspotId })
                        : t("sync.migration.contactNoEmail", { name: c.label, id: c.hubspotId })}
                    </td>
                    <td>{filterFailureText(t, c.failure)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form method="post" action={`/sync/${props.connectionId}/behaviour`}>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
            <p class="actions">
              <button type="submit">{t("sync.migration.confirm")}</button>{" "}
              <a class="button secondary" href={`/sync?company=${props.connectionId}&tab=contacts`}>
                {t("sync.migration.back")}
              </a>
            </p>
          </form>
        </>
      ) : (
        <p class="back">
          <a href={`/sync?company=${props.connectionId}&tab=contacts`}>{t("sync.migration.back")}</a>
        </p>
      )}
    </Layout>
  );
}
