import type { BehaviourPreview } from "../migration.ts";
import { CsrfField, Layout, type PageProps } from "../../../web/layout.tsx";

/** X1: the preview of switching from legacy to sync-filter behaviour, and the switch itself. */
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
            <ul>
              {preview.excluded.map((c) => (
                <li>
                  {c.label} ({c.hubspotId}): {c.reason}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <form method="post" action={`/sync/${props.connectionId}/behaviour`}>
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t("sync.migration.confirm")}</button>{" "}
        <a href={`/sync?company=${props.connectionId}&tab=contacts`}>{t("sync.migration.back")}</a>
      </form>
    </Layout>
  );
}
