import {
  CONDITION_OPERATORS,
  CREATE_UPDATE_RULES,
  CUSTOMER_AS,
  DELETE_RULES,
  DIRECTIONS,
  WINNERS,
  type SyncSettings,
} from "../schema.ts";
import type { MessageKey, Translate } from "../../../web/i18n/index.ts";
import { lifecycleStageLabel } from "../lifecycle-stages.ts";
import { CsrfField } from "../../../web/layout.tsx";
import { STAGES } from "./words.ts";

export type SyncTab = "contacts" | "products" | "invoices";

function Select(props: {
  t: Translate;
  name: string;
  label: MessageKey;
  prefix: string;
  options: readonly string[];
  value: string;
}) {
  return (
    <label class="field">
      {props.t(props.label)}
      <select name={props.name}>
        {props.options.map((o) => (
          <option value={o} selected={o === props.value}>
            {props.t(`${props.prefix}.${o}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One tab's settings form; every dropdown lists every option the engine implements. */
export function SettingsForm(props: {
  t: Translate;
  csrf: string;
  connectionId: string;
  tab: SyncTab;
  settings: SyncSettings;
}) {
  const { t, tab } = props;
  const s = props.settings[tab];
  return (
    <form method="post" action={`/sync/${props.connectionId}/${tab}`} class="settings">
      <CsrfField token={props.csrf} />
      <label class="check">
        <input type="checkbox" name="enabled" checked={s.enabled} /> {t(`sync.enabled.${tab}`)}
      </label>
      {tab === "invoices" ? (
        <p>{t("sync.invoices.direction")}</p>
      ) : (
        <Select
          t={t}
          name="direction"
          label="sync.direction"
          prefix="sync.direction"
          options={DIRECTIONS}
          value={s.direction}
        />
      )}
      <Select
        t={t}
        name="createUpdate"
        label="sync.createUpdate"
        prefix="sync.createUpdate"
        options={CREATE_UPDATE_RULES}
        value={s.createUpdate}
      />
      <Select
        t={t}
        name="deleteRule"
        label="sync.deleteRule"
        prefix="sync.deleteRule"
        options={DELETE_RULES}
        value={s.deleteRule}
      />
      {"winner" in s ? (
        <Select
          t={t}
          name="winner"
          label="sync.winner"
          prefix="sync.winner"
          options={WINNERS}
          value={s.winner}
        />
      ) : null}
      {tab === "contacts" ? (
        <ContactFields t={t} settings={props.settings} connectionId={props.connectionId} />
      ) : null}
      <button type="submit">{t("sync.save")}</button>
    </form>
  );
}

/**
 * The behaviour (X1) is shown, not chosen here: leaving legacy goes through the preview of the
 * contacts it would exclude, whose page alone can switch.
 */
function Behaviour(props: { t: Translate; connectionId: string; behaviour: SyncSettings["behaviour"] }) {
  const { t } = props;
  return (
    <fieldset id="behaviour">
      <legend>{t("sync.behaviour")}</legend>
      <p class="behaviour">
        <span>{t("sync.behaviour.current", { behaviour: t(`sync.behaviour.${props.behaviour}`) })}</span>
        {props.behaviour === "legacy" ? (
          <a class="button secondary" href={`/sync/${props.connectionId}/behaviour`}>
            {t("sync.behaviour.preview")}
          </a>
        ) : null}
      </p>
      {props.behaviour === "legacy" ? <p class="help">{t("sync.behaviour.switchHelp")}</p> : null}
    </fieldset>
  );
}

function ContactFields(props: { t: Translate; settings: SyncSettings; connectionId: string }) {
  const { t } = props;
  const c = props.settings.contacts;
  const rows = [0, 1, 2].map((i) => c.filters.conditions[i]);
  return (
    <>
      <Select
        t={t}
        name="customerAs"
        label="sync.customerAs"
        prefix="sync.customerAs"
        options={CUSTOMER_AS}
        value={c.customerAs}
      />
      <fieldset>
        <legend>{t("sync.match")}</legend>
        <label class="check">
          <input type="checkbox" name="matchByNameAndCompany" checked={c.matchByNameAndCompany} />{" "}
          {t("sync.match.nameCompany")}
        </label>
        <label class="check">
          <input type="checkbox" name="matchByPhone" checked={c.matchByPhone} /> {t("sync.match.phone")}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t("sync.filters")}</legend>
        <p class="help">{t("sync.filters.help")}</p>
        <p>{t("sync.filters.stages")}</p>
        {STAGES.map((stage) => (
          <label class="check inline">
            <input
              type="checkbox"
              name="lifecycleStages"
              value={stage}
              checked={c.filters.lifecycleStages.includes(stage)}
            />{" "}
            {lifecycleStageLabel(t, stage)}
          </label>
        ))}
        <label class="field">
          {t("sync.filters.lists")}
          <input type="text" name="listIds" value={c.filters.listIds.join(", ")} />
        </label>
        <table class="data">
          <caption>{t("sync.filters.conditions")}</caption>
          <thead>
            <tr>
              <th>{t("sync.filters.property")}</th>
              <th>{t("sync.filters.operator")}</th>
              <th>{t("sync.filters.value")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr>
                <td>
                  <input
                    type="text"
                    name={`condition${i}.property`}
                    value={row?.property ?? ""}
                    aria-label={t("sync.filters.property")}
                  />
                </td>
                <td>
                  <select name={`condition${i}.operator`} aria-label={t("sync.filters.operator")}>
                    {CONDITION_OPERATORS.map((op) => (
                      <option value={op} selected={row?.operator === op}>
                        {t(`sync.op.${op}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="text"
                    name={`condition${i}.value`}
                    value={row?.value ?? ""}
                    aria-label={t("sync.filters.value")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <Behaviour t={t} connectionId={props.connectionId} behaviour={props.settings.behaviour} />
    </>
  );
}
