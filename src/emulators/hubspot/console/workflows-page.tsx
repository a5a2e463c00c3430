import type { HsWorkflowAction, HsWorkflowRun } from "../contract.ts";
import { ConsoleLayout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";
import { objectType } from "../extensions/object-types.ts";
import { consoleStrings, type ConsoleStrings } from "./strings.ts";
import { actionName, fieldLabel } from "./workflow-labels.ts";

export interface RecordChoice {
  /** `{objectType}:{id}`, e.g. `DEAL:1000012`. */
  value: string;
  label: string;
}

export interface ActionForm {
  action: HsWorkflowAction;
  /** Records it can run on, grouped by upper-case type name. */
  records: Array<{ type: string; typeLabel: string; choices: RecordChoice[] }>;
  /** Options fetched from each field's optionsUrl (absent: a text box). */
  fetchedOptions: Record<string, Array<{ label: string; value: string }> | undefined>;
}

export interface WorkflowsPageProps {
  ctx: PageContext;
  portalId: number;
  runPath: string;
  forms: ActionForm[];
  runs: Array<{
    run: HsWorkflowRun;
    href: string;
    recordHref?: string;
    recordLabel: string;
    actionLabel: string;
  }>;
  /** Why the last run was refused (the page is shown again, nothing changed). */
  refused?: string;
  /** The values the refused form had, to fill it again. */
  previous?: Record<string, string>;
}

/** `/workflows/{portalId}`: each app's actions with a form to run them on a record, then the runs. */
export function WorkflowsPage(props: WorkflowsPageProps) {
  const { ctx } = props;
  const t = consoleStrings(ctx.locale);
  return (
    <ConsoleLayout {...ctx} title={t.workflowsTitle} portalId={props.portalId} active="workflows">
      <h1>{t.workflowsTitle}</h1>
      <p class="muted">{t.workflowsIntro}</p>
      {props.refused ? (
        <p class="notice-error" role="alert">
          {t.runRefused} {props.refused}
        </p>
      ) : null}
      {props.forms.length === 0 ? <p>{t.noActions}</p> : null}
      {props.forms.map((form) => (
        <ActionBox {...props} form={form} />
      ))}
      <h2>{t.runsTitle}</h2>
      {props.runs.length === 0 ? (
        <p class="muted">{t.noRuns}</p>
      ) : (
        <div class="table-wrap">
          <table class="runs">
            <thead>
              <tr>
                <th>{t.started}</th>
                <th>{t.action}</th>
                <th>{t.record}</th>
                <th>{t.state}</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map(({ run, href, recordHref, recordLabel, actionLabel }) => (
                <tr data-callback-id={run.callbackId}>
                  <td>
                    <a href={href}>{run.startedAt}</a>
                  </td>
                  <td>{actionLabel}</td>
                  <td>{recordHref ? <a href={recordHref}>{recordLabel}</a> : recordLabel}</td>
                  <td>
                    <span class={`state state-${run.state}`}>{run.state}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleLayout>
  );
}

/** `DEAL` as the navigation names it (Deals, 取引). */
function typeLabel(upper: string, t: ConsoleStrings): string {
  const name = objectType(upper)?.name;
  return (name && t.nav[name]) || upper;
}

function ActionBox(props: WorkflowsPageProps & { form: ActionForm }) {
  const { ctx, form } = props;
  const { action } = form;
  const t = consoleStrings(ctx.locale);
  const mine =
    props.previous?.appId === String(action.appId) && props.previous.actionId === action.actionId
      ? props.previous
      : undefined;
  const id = (name: string) => `f-${action.appId}-${action.actionId}-${name}`;
  return (
    <section class="action-box" data-action-id={action.actionId}>
      <h3>{actionName(action, ctx.locale)}</h3>
      <div class="muted">
        {t.actionFrom(action.appId, action.actionId)} ·{" "}
        {t.runsOn(action.objectTypes.map((upper) => typeLabel(upper, t)).join(", "))}
      </div>
      <form method="post" action={props.runPath}>
        <input type="hidden" name="appId" value={String(action.appId)} />
        <input type="hidden" name="actionId" value={action.actionId} />
        <div class="fields">
          <label for={id("record")}>
            {t.record} <span class="muted">({t.required})</span>
          </label>
          <select id={id("record")} name="record" required>
            <option value="">{t.chooseRecord}</option>
            {form.records.map((group) => (
              <optgroup label={group.typeLabel}>
                {group.choices.map((choice) => (
                  <option value={choice.value} selected={mine?.record === choice.value}>
                    {choice.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {action.inputFields.map((field) => {
            const name = `input.${field.name}`;
            const value = mine?.[name] ?? "";
            const options = field.options.length > 0 ? field.options : form.fetchedOptions[field.name];
            return (
              <>
                <label for={id(field.name)} title={field.name}>
                  {fieldLabel(field, ctx.locale)}{" "}
                  {field.isRequired ? <span class="muted">({t.required})</span> : null}
                </label>
                {options ? (
                  <select id={id(field.name)} name={name} required={field.isRequired}>
                    <option value="">{t.choose}</option>
                    {options.map((o) => (
                      <option value={o.value} selected={value === o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : field.fieldType === "textarea" ? (
                  <textarea id={id(field.name)} name={name} required={field.isRequired}>
                    {value}
                  </textarea>
                ) : (
                  <input
                    id={id(field.name)}
                    name={name}
                    type={field.type === "number" ? "number" : "text"}
                    value={value}
                    required={field.isRequired}
                  />
                )}
              </>
            );
          })}
        </div>
        <button type="submit">{t.run}</button>
      </form>
    </section>
  );
}
