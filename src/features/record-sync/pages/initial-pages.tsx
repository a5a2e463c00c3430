import type { InitialSyncRow } from "../initial/service.ts";
import type { Counts, Progress } from "../initial/progress.ts";
import type { Preview } from "../initial/service.ts";
import type { Translate } from "../../../web/i18n/index.ts";
import { CsrfField, Layout, type PageProps } from "../../../web/layout.tsx";

const COUNTS: Array<keyof Counts> = [
  "created",
  "linked",
  "updated",
  "unchanged",
  "review",
  "skipped",
  "failed",
];

function CountTable(props: { t: Translate; progress: Progress }) {
  const { t, progress } = props;
  return (
    <table class="counts" data-phase={progress.phase}>
      <tbody>
        <tr>
          <th>{t("initial.seen")}</th>
          <td data-count="seen">{progress.seen}</td>
          <td></td>
        </tr>
        {COUNTS.map((c) => (
          <tr>
            <th>{t(`initial.count.${c}`)}</th>
            <td data-count={c}>{progress.counts[c]}</td>
            <td>
              {progress.examples[c]?.length
                ? `${t("initial.examples")}: ${progress.examples[c]!.join(", ")}`
                : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** C4 "Preview": what a run would do on each side, and how long the rate limits make it take. */
export function InitialPreviewPage(
  props: PageProps & { connectionId: string; object: "contacts" | "products"; preview: Preview },
) {
  const { t, preview } = props;
  return (
    <Layout {...props} title={t("initial.previewTitle")} section="sync">
      <p>{t("initial.intro")}</p>
      {preview.phases.map((p) => (
        <section>
          <h2>{t(`initial.phase.${p.phase}`)}</h2>
          <CountTable t={t} progress={p.progress} />
        </section>
      ))}
      <p id="eta">{t("initial.eta", { seconds: preview.etaSeconds })}</p>
      <form method="post" action={`/sync/${props.connectionId}/initial/${props.object}`}>
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t("initial.start")}</button>
      </form>
    </Layout>
  );
}

/** C4 progress: status, counts, ETA, pause and resume; refreshes itself while the run runs. */
export function InitialProgressPage(props: PageProps & { connectionId: string; run: InitialSyncRow }) {
  const { t, run } = props;
  const progress = run.progress as Progress;
  const total = progress.total ?? progress.seen;
  return (
    <Layout
      {...props}
      title={t("initial.progressTitle", { object: t(`initial.object.${run.object}`) })}
      section="sync"
      refreshSeconds={run.status === "running" ? 2 : undefined}
    >
      <p id="status" data-status={run.status}>
        {t(`initial.status.${run.status}`)}
        {progress.phase !== "done" ? ` · ${t("initial.phase")}: ${t(`initial.phase.${progress.phase}`)}` : ""}
      </p>
      {progress.stalled ? (
        <p class="banner" role="alert">
          {t("initial.stalled", { seconds: progress.stalled.seconds, reason: progress.stalled.error })}
        </p>
      ) : run.error ? (
        <p class="banner" role="alert">
          {t("initial.error", { reason: run.error })}
        </p>
      ) : null}
      {progress.phase !== "done" ? (
        <p>
          <progress max={Math.max(total, 1)} value={progress.seen}></progress>{" "}
          {t("initial.progress", { seen: progress.seen, total })}
        </p>
      ) : null}
      {run.status === "running" && progress.etaSeconds !== undefined ? (
        <p id="eta">{t("initial.eta", { seconds: Math.ceil(progress.etaSeconds) })}</p>
      ) : null}
      <CountTable t={t} progress={progress} />
      {run.status === "running" || run.status === "paused" || run.status === "failed" ? (
        <form
          method="post"
          action={`/sync/${props.connectionId}/initial/run/${run.syncId}/${run.status === "running" ? "pause" : "resume"}`}
        >
          <CsrfField token={props.csrfToken} />
          <button type="submit">
            {t(
              run.status === "running"
                ? "initial.pause"
                : run.status === "failed"
                  ? "initial.retry"
                  : "initial.resume",
            )}
          </button>
        </form>
      ) : null}
      <p>
        <a href="/activity">{t("initial.ledger")}</a>
      </p>
    </Layout>
  );
}

/** The Initial sync section of a Sync settings tab. */
export function InitialSection(props: {
  t: Translate;
  connectionId: string;
  object: "contacts" | "products";
  runs: InitialSyncRow[];
  locale: string;
}) {
  const { t } = props;
  const runs = props.runs.filter((r) => r.object === props.object);
  return (
    <section id="initial-sync">
      <h2>{t("initial.title")}</h2>
      <p>{t("initial.intro")}</p>
      <p>
        <a href={`/sync/${props.connectionId}/initial/${props.object}/preview`}>{t("initial.preview")}</a>
      </p>
      {runs.length === 0 ? (
        <p>{t("initial.none")}</p>
      ) : (
        <ul>
          {runs.map((r) => (
            <li>
              <a href={`/sync/${props.connectionId}/initial/run/${r.syncId}`}>
                {`${r.startedAt.toISOString().slice(0, 16).replace("T", " ")} · ${t(`initial.status.${r.status}`)}`}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
