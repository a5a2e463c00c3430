import type { Entity } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { Shell } from "../layout.tsx";
import { companyPath, type View } from "../view.ts";
import { Target } from "./parts.tsx";

/** The two company preferences the emulator's rules follow: custom numbers and multicurrency. */
export function SettingsPage(props: { view: View; company: Company; notice?: string; alert?: string }) {
  const { view, company } = props;
  const { t } = view;
  const preferences = company.get("Preferences", "1") as Entity;
  const multi = company.settings.multiCurrency;
  return (
    <Shell
      view={view}
      title={t("settings.title")}
      company={company}
      tab="settings"
      notice={props.notice}
      alert={props.alert}
    >
      <form method="post" action={view.href(companyPath(company, "/settings"))} class="panel">
        <Target record={preferences} />
        <label class="check">
          <input
            type="checkbox"
            name="customTxnNumbers"
            value="on"
            checked={company.settings.customTxnNumbers}
          />
          {t("settings.customTxn")}
        </label>
        <p class="hint">{t("settings.customTxnHint")}</p>
        <label class="check">
          <input type="checkbox" name="multiCurrency" value="on" checked={multi} />
          {t("settings.multi")}
        </label>
        <p class="hint">{t("settings.multiHint")}</p>
        <div class="actions">
          <button type="submit">{t("action.save")}</button>
        </div>
      </form>
    </Shell>
  );
}
