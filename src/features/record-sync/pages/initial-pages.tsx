import type { InitialSyncRow } from "../initial/service.ts";
import { phaseResults, type Counts, type PhaseResult, type Progress } from "../initial/progress.ts";
import { formatDuration } from "../../../web/duration.ts";
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

/**
 * One direction's figures. The preview and the run share it, so a run's result has its preview's
 * shape: the same sections, rows and order; only the tense differs ("To create" → "Created").
 */
function CountTable(props: { t: Translate; result: PhaseResult; tense: "planned" | "done" }) {
  const { t, result } = props;
  const label = (c: keyof Counts) =>
    t(props.tense === "planned" ? `initial.count.${c}` : `initial.done.${c}`);
  return (
    <table class="counts data" data-phase={result.phase}>
      <tbody>
        <tr>
          <th scope="row">{t("initial.seen")}</th>
          <td data-count="seen" class="number">
            {result.seen}
          </td>
          <td></td>
        </tr>
        {COUNTS.map((c) => (
          <tr>
            <th scope="row">{label(c)}</th>
            <td data-count={c} class="number">
              {result.counts[c]}
            </td>
            <td>
              {result.examples[c]?.length
                ? `${t("initial.examples")}: ${result.examples[c]!.join(", ")}`
                : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One section per direction, headed as in the preview. */
function PhaseSections(props: { t: Translate; results: PhaseResult[]; tense: "planned" | "done" }) {
  return (
    <>
      {props.results.map((r) => (
        <section data-direction={r.phase}>
          <h2>{props.t(`initial.phase.${r.phase}`)}</h2>
          <CountTable t={props.t} result={r} tense={props.tense} />
        </section>
      ))}
    </>
  );
}

/** "about 2 hours, 5 minutes" in the page's language (Intl, plural-aware). */
export function etaText(t: Translate, locale: string, seconds: number): string {
  const duration = formatDuration(seconds, locale);
  return duration ? t("initial.eta", { duration }) : t("initial.eta.underMinute");
}

function BackToSettings(props: { t: Translate; connectionId: string; object: string }) {
  return (
    <p class="back">
      <a href={`/sync?company=${props.connectionId}&tab=${props.object}`}>{props.t("initial.back")}</a>
    </p>
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
      <PhaseSections
        t={t}
        tense="planned"
        results={preview.phases.map((p) => ({ ...p.progress, phase: p.phase }))}
      />
      <p id="eta">{etaText(t, props.locale, preview.etaSeconds)}</p>
      <form method="post" action={`/sync/${props.connectionId}/initial/${props.object}`}>
        <CsrfField token={props.csrfToken} />
        <button type="submit">{t("initial.start")}</button>
      </form>
      <BackToSettings t={t} connectionId={props.connectionId} object={props.object} />
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
        <p id="eta">{etaText(t, props.locale, progress.etaSeconds)}</p>
      ) : null}
      <PhaseSections t={t} tense="done" results={phaseResults(progress)} />
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
      <BackToSettings t={t} connectionId={props.connectionId} object={run.object} />
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
