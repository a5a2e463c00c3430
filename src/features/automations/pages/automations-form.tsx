import type { AutomationEvent } from "../../../db/schema/automations.ts";
import { AUTOMATION_EVENTS } from "../events.ts";
import { TEMPLATE_FIELDS } from "../template.ts";
import { CsrfField, Layout, type PageProps } from "../../../web/layout.tsx";

/** The form's fields as submitted (the names rule-schema.ts reads). */
export type RuleFormValues = Record<string, string>;

export interface RuleFormProps {
  /** Undefined for a new rule. */
  ruleId?: string;
  values: RuleFormValues;
  companies: Array<{ connectionId: string; companyName: string }>;
  /** HubSpot's deal pipelines, or why they could not be read (then a pipeline id is typed in). */
  pipelines: { list: Array<{ id: string; label: string }> } | { error: string };
  smtp: boolean;
  /** The webhook's signing secret, shown on an existing webhook rule. */
  secret?: string;
  error?: string;
}

/** Add or edit one rule. Plain form: every action's settings are on the page, the chosen one is used. */
export function AutomationFormPage(props: PageProps & RuleFormProps) {
  const { t, values: v } = props;
  const title = props.ruleId ? t("automations.edit.title") : t("automations.new.title");
  const action = props.ruleId ? `/automations/${props.ruleId}` : "/automations";
  const field = (name: string, label: string, extra: Record<string, string> = {}) => (
    <p>
      <label>
        {label} <input name={name} value={v[name] ?? ""} {...extra} />
      </label>
    </p>
  );
  return (
    <Layout {...props} title={title} section="automations">
      {props.error ? (
        <p class="banner" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={action}>
        <CsrfField token={props.csrfToken} />
        {field("name", t("automations.form.name"), { required: "", maxlength: "100" })}
        <p>
          <label>
            <input type="checkbox" name="enabled" value="on" checked={v.enabled === "on"} />{" "}
            {t("automations.form.enabled")}
          </label>
        </p>
        <p>
          <label>
            {t("automations.form.event")}{" "}
            <select name="event">
              {AUTOMATION_EVENTS.map((e: AutomationEvent) => (
                <option value={e} selected={v.event === e}>
                  {t(`automations.event.${e}`)}
                </option>
              ))}
            </select>
          </label>
        </p>
        <Filters {...props} />
        <ActionFields {...props} field={field} />
        <p class="actions">
          <button type="submit">{t("automations.form.save")}</button>{" "}
          <a href="/automations">{t("automations.form.cancel")}</a>
        </p>
      </form>
    </Layout>
  );
}

function Filters(props: PageProps & RuleFormProps) {
  const { t, values: v } = props;
  return (
    <fieldset>
      <legend>{t("automations.form.filters")}</legend>
      <label>
        {t("automations.form.company")}{" "}
        <select name="connectionId">
          <option value="">{t("automations.form.anyCompany")}</option>
          {props.companies.map((c) => (
            <option value={c.connectionId} selected={v.connectionId === c.connectionId}>
              {c.companyName}
            </option>
          ))}
        </select>
      </label>{" "}
      <Pipeline {...props} />{" "}
      <label>
        {t("automations.form.amountMin")}{" "}
        <input name="amountMin" inputmode="decimal" value={v.amountMin ?? ""} />
      </label>{" "}
      <label>
        {t("automations.form.amountMax")}{" "}
        <input name="amountMax" inputmode="decimal" value={v.amountMax ?? ""} />
      </label>
    </fieldset>
  );
}

function Pipeline(props: PageProps & RuleFormProps) {
  const { t, values: v, pipelines } = props;
  if ("error" in pipelines)
    return (
      <label>
        {t("automations.form.pipeline")} <input name="pipelineId" value={v.pipelineId ?? ""} />{" "}
        <span class="muted">{t("automations.form.pipelinesUnavailable", { reason: pipelines.error })}</span>
      </label>
    );
  return (
    <label>
      {t("automations.form.pipeline")}{" "}
      <select name="pipelineId">
        <option value="">{t("automations.form.anyPipeline")}</option>
        {pipelines.list.map((p) => (
          <option value={p.id} selected={v.pipelineId === p.id}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function ActionFields(
  props: PageProps & RuleFormProps & { field: (name: string, label: string) => unknown },
) {
  const { t, values: v, field } = props;
  const radio = (value: string) => (
    <label class="choice">
      <input type="radio" name="action" value={value} checked={v.action === value} />{" "}
      {t(`automations.action.${value as "email" | "slack" | "webhook"}`)}
    </label>
  );
  return (
    <>
      <fieldset>
        <legend>{t("automations.form.action")}</legend>
        {radio("email")}
        {radio("slack")}
        {radio("webhook")}
        <p class="muted">
          {t("automations.form.placeholders", { list: TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(" ") })}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t("automations.form.email")}</legend>
        {props.smtp ? null : <p class="warning">{t("automations.form.noSmtp")}</p>}
        <label class="choice">
          <input type="radio" name="emailTo" value="customer" checked={v.emailTo !== "fixed"} />{" "}
          {t("automations.form.emailTo.customer")}
        </label>
        <label class="choice">
          <input type="radio" name="emailTo" value="fixed" checked={v.emailTo === "fixed"} />{" "}
          {t("automations.form.emailTo.fixed")}
        </label>
        {field("emailAddress", t("automations.form.emailAddress"))}
        {field("emailSubject", t("automations.form.emailSubject"))}
        <p>
          <label>
            {t("automations.form.emailBody")}
            <br />
            <textarea name="emailBody" rows={5} cols={60}>
              {v.emailBody ?? ""}
            </textarea>
          </label>
        </p>
      </fieldset>
      <fieldset>
        <legend>{t("automations.form.slack")}</legend>
        {field("slackUrl", t("automations.form.slackUrl"))}
        {props.ruleId ? <p class="muted">{t("automations.form.slackUrlKept")}</p> : null}
        {field("slackText", t("automations.form.slackText"))}
      </fieldset>
      <fieldset>
        <legend>{t("automations.form.webhook")}</legend>
        {field("webhookUrl", t("automations.form.webhookUrl"))}
        <p class="muted">{t("automations.form.signatureHelp")}</p>
        {props.secret ? (
          <p>
            {t("automations.form.secret")}: <code>{props.secret}</code>
          </p>
        ) : (
          <p class="muted">{t("automations.form.secretNew")}</p>
        )}
      </fieldset>
    </>
  );
}
