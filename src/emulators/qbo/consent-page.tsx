import type { Company } from "./store.ts";

/** The consent page's words in both languages Ledgerlink ships (en, ja). */
const STRINGS = {
  en: {
    title: "Connect to QuickBooks (emulator)",
    intro: (app: string) => `${app} wants to connect to a QuickBooks company.`,
    pick: "Choose a company",
    none: "There are no companies yet. Create one with POST /__emulator/companies.",
    scopes: "It asks for",
    approve: "Connect",
    deny: "Cancel",
    badRequest: "This connection request can't be used",
  },
  ja: {
    title: "QuickBooks に接続 (エミュレーター)",
    intro: (app: string) => `${app} が QuickBooks の会社への接続を求めています。`,
    pick: "会社を選んでください",
    none: "会社がまだありません。POST /__emulator/companies で作成してください。",
    scopes: "要求されている権限",
    approve: "接続",
    deny: "キャンセル",
    badRequest: "この接続リクエストは使えません",
  },
} as const;

export type ConsentLocale = keyof typeof STRINGS;

export function consentLocale(lang: string | undefined, acceptLanguage: string | undefined): ConsentLocale {
  if (lang === "ja" || lang === "en") return lang;
  return /^ja\b/i.test(acceptLanguage?.trim() ?? "") ? "ja" : "en";
}

const style = `body{font-family:system-ui,sans-serif;background:#f4f5f8;margin:0}
main{max-width:28rem;margin:4rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;color:#2ca01c}label{display:block;padding:.5rem 0}
button{padding:.5rem 1.25rem;margin-right:.5rem;border-radius:4px;border:1px solid #2ca01c;background:#2ca01c;color:#fff}
button[value=deny]{background:#fff;color:#2ca01c}code{background:#eee;padding:0 .25rem}`;

export function ConsentPage(props: {
  locale: ConsentLocale;
  clientId: string;
  companies: Company[];
  hidden: Record<string, string>;
}) {
  const t = STRINGS[props.locale];
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <title>{t.title}</title>
        <style>{style}</style>
      </head>
      <body>
        <main>
          <h1>{t.title}</h1>
          <p>{t.intro(props.clientId)}</p>
          <p>
            {t.scopes}: <code>{props.hidden.scope}</code>
          </p>
          <form method="post" action="/connect/oauth2">
            {Object.entries(props.hidden).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <fieldset>
              <legend>{t.pick}</legend>
              {props.companies.length === 0 ? <p>{t.none}</p> : null}
              {props.companies.map((company, i) => (
                <label>
                  <input type="radio" name="realmId" value={company.settings.realmId} checked={i === 0} />{" "}
                  {company.settings.name} ({company.settings.country}, {company.settings.realmId})
                </label>
              ))}
            </fieldset>
            <p>
              <button type="submit" name="decision" value="approve" disabled={props.companies.length === 0}>
                {t.approve}
              </button>
              <button type="submit" name="decision" value="deny">
                {t.deny}
              </button>
            </p>
          </form>
        </main>
      </body>
    </html>
  );
}

export function ConsentError(props: { locale: ConsentLocale; reason: string }) {
  const t = STRINGS[props.locale];
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <title>{t.badRequest}</title>
        <style>{style}</style>
      </head>
      <body>
        <main>
          <h1>{t.badRequest}</h1>
          <p>{props.reason}</p>
        </main>
      </body>
    </html>
  );
}
