import type { HsWorkflowRun } from "../contract.ts";
import { ConsoleLayout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";
import { consoleStrings } from "./strings.ts";

export interface RunPageProps {
  ctx: PageContext;
  portalId: number;
  run: HsWorkflowRun;
  actionLabel: string;
  recordHref?: string;
  recordTitle?: string;
  selfHref: string;
  workflowsHref: string;
}

function Fields(props: { values: Record<string, unknown>; none: string }) {
  const entries = Object.entries(props.values);
  if (entries.length === 0) return <p class="muted">{props.none}</p>;
  return (
    <dl class="facts">
      {entries.map(([name, value]) => (
        <>
          <dt>{name}</dt>
          <dd data-field={name}>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
        </>
      ))}
    </dl>
  );
}

/** One execution: its state and how it ended, what went in and came out, every call made. */
export function RunPage(props: RunPageProps) {
  const { ctx, run } = props;
  const t = consoleStrings(ctx.locale);
  const waiting = run.completedAt === undefined;
  return (
    <ConsoleLayout
      {...ctx}
      title={t.runTitle(props.actionLabel)}
      portalId={props.portalId}
      active="workflows"
    >
      <p>
        <a href={props.workflowsHref}>{t.backToWorkflows}</a>
      </p>
      <h1>{t.runTitle(props.actionLabel)}</h1>
      <dl class="facts">
        <dt>{t.state}</dt>
        <dd>
          <span class={`state state-${run.state}`} data-state={run.state}>
            {run.state}
          </span>
          {run.completedBy ? ` ${t.completedBy[run.completedBy] ?? run.completedBy}` : null}
        </dd>
        <dt>{t.record}</dt>
        <dd>
          {props.recordHref ? (
            <a href={props.recordHref} data-record-link>
              {props.recordTitle ?? `${run.objectType} ${run.objectId}`}
            </a>
          ) : (
            `${run.objectType} ${run.objectId}`
          )}
        </dd>
        <dt>{t.started}</dt>
        <dd>{run.startedAt}</dd>
        {run.completedAt ? (
          <>
            <dt>{t.completed}</dt>
            <dd>{run.completedAt}</dd>
          </>
        ) : null}
        {waiting && run.expiresAt ? (
          <>
            <dt>{t.expires}</dt>
            <dd>{run.expiresAt}</dd>
          </>
        ) : null}
        <dt>callbackId</dt>
        <dd>
          <code>{run.callbackId}</code>
        </dd>
      </dl>
      {waiting ? (
        <p class="muted">
          {t.waiting} <a href={props.selfHref}>{t.refresh}</a>
        </p>
      ) : null}
      {run.failure ? (
        <p class="notice-error" role="alert">
          <strong>{t.failure}:</strong> {run.failure}
        </p>
      ) : null}
      <h2>{t.outputs}</h2>
      <div class="outputs">
        <Fields values={run.outputFields} none={t.noFields} />
      </div>
      <h2>{t.inputs}</h2>
      <Fields values={run.inputFields} none={t.noFields} />
      <h2>{t.attempts}</h2>
      <ol>
        {run.attempts.map((a) => (
          <li>
            {a.at} — {a.error ?? `HTTP ${a.status ?? "?"}`}
          </li>
        ))}
      </ol>
    </ConsoleLayout>
  );
}
