import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Company } from "../store.ts";
import type { ConsoleKey } from "./i18n.ts";
import { consoleStyle } from "./style.ts";
import { companyPath, type View } from "./view.ts";

export type Tab = "invoices" | "customers" | "items" | "payments" | "estimates" | "settings";
const TABS: Tab[] = ["invoices", "customers", "items", "payments", "estimates", "settings"];

export interface ShellProps {
  view: View;
  title: string;
  company?: Company;
  tab?: Tab;
  /** A success message after a redirect (POST-redirect-GET). */
  notice?: string;
  /** Why a form was refused; nothing was changed. */
  alert?: string;
  children?: Child;
}

/** The page around every console screen: header, language switch, the company's tabs, messages. */
export function Shell(props: ShellProps) {
  const { view, company } = props;
  const { t } = view;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} – ${t("app.title")}`}</title>
          <style>{consoleStyle}</style>
        </head>
        <body>
          <header>
            <a class="brand" href={view.href("/")}>
              {t("app.title")}
            </a>
            {company ? <span class="company">{company.settings.name}</span> : null}
            {view.switchHref ? (
              <a class="lang" href={view.switchHref} hreflang={view.locale === "en" ? "ja" : "en"}>
                {t("lang.other")}
              </a>
            ) : null}
          </header>
          {company ? (
            <nav class="tabs">
              {TABS.map((tab) => (
                <a
                  href={view.href(companyPath(company, `/${tab}`))}
                  aria-current={props.tab === tab ? "page" : undefined}
                >
                  {t(`nav.${tab}` as ConsoleKey)}
                </a>
              ))}
            </nav>
          ) : null}
          <main>
            <h1>{props.title}</h1>
            {props.alert ? (
              <div class="alert" role="alert">
                <strong>{t("err.title")}</strong>: {props.alert}
              </div>
            ) : null}
            {props.notice ? (
              <div class="notice" role="status">
                {props.notice}
              </div>
            ) : null}
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}
