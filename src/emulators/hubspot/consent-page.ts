import { html, raw } from "hono/html";

/**
 * The OAuth consent page the emulator shows in place of app.hubspot.com's: pick a portal, see the
 * scopes, approve. English by default, Japanese when `?lang=ja` or `Accept-Language` prefers it.
 */
export type Lang = "en" | "ja";

const STRINGS = {
  en: {
    title: "Connect app",
    heading: (app: string) => `${app} wants to connect to your HubSpot account`,
    choosePortal: "Choose an account",
    scopes: "It will be able to:",
    optional: "Optional (granted if your account allows):",
    approve: "Connect app",
    cancel: "Cancel",
    noPortals: "There are no accounts yet. Create one with POST /__emulator/portals, then reload this page.",
    errorTitle: "Something went wrong",
    emulator: "HubSpot emulator — not the real HubSpot",
  },
  ja: {
    title: "アプリを接続",
    heading: (app: string) => `${app} が HubSpot アカウントへの接続を求めています`,
    choosePortal: "アカウントを選択",
    scopes: "このアプリは次のことができるようになります:",
    optional: "任意 (アカウントで利用可能な場合に付与):",
    approve: "アプリを接続",
    cancel: "キャンセル",
    noPortals:
      "アカウントがまだありません。POST /__emulator/portals で作成してから、このページを再読み込みしてください。",
    errorTitle: "エラーが発生しました",
    emulator: "HubSpot エミュレーター — 本物の HubSpot ではありません",
  },
} as const;

/** Error messages shown instead of redirecting (an unknown client or redirect URI must not redirect). */
export const ERRORS = {
  en: {
    badClient: (id: string) => `The client_id "${id}" does not belong to any app.`,
    badRedirect: (uri: string) => `The redirect_uri "${uri}" is not one of the app's redirect URLs.`,
    noScope: "The request names no scope.",
    badScope: (names: string) => `Authorization failed: these are not HubSpot scopes: ${names}.`,
    badPortal: "Choose an account that exists.",
  },
  ja: {
    badClient: (id: string) => `client_id「${id}」に該当するアプリがありません。`,
    badRedirect: (uri: string) => `redirect_uri「${uri}」はアプリのリダイレクト URL に含まれていません。`,
    noScope: "scope が指定されていません。",
    badScope: (names: string) => `承認に失敗しました。次のスコープは HubSpot に存在しません: ${names}。`,
    badPortal: "存在するアカウントを選択してください。",
  },
} as const;

export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === "ja" || query === "en") return query;
  // The first listed language wins unless a higher q-value says otherwise.
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.tag)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.tag.startsWith("ja") ? "ja" : "en";
}

const page = (lang: Lang, title: string, body: ReturnType<typeof html>) =>
  html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 36rem;
            margin: 3rem auto;
            padding: 0 1rem;
            color: #33475b;
          }
          .banner {
            background: #fef8f0;
            border: 1px solid #f5c26b;
            padding: 0.5rem 0.75rem;
            font-size: 0.85rem;
          }
          button {
            padding: 0.5rem 1rem;
            margin-right: 0.5rem;
          }
          ul {
            padding-left: 1.25rem;
          }
        </style>
      </head>
      <body>
        <p class="banner">${STRINGS[lang].emulator}</p>
        ${body}
      </body>
    </html>`;

export interface ConsentView {
  lang: Lang;
  appName: string;
  portals: number[];
  selectedPortal?: number;
  scopes: string[];
  optionalScopes: string[];
  /** Hidden fields carried to the form post (client_id, redirect_uri, scope, optional_scope, state). */
  hidden: Record<string, string>;
}

export function consentPage(view: ConsentView) {
  const t = STRINGS[view.lang];
  const hidden = Object.entries(view.hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  const form =
    view.portals.length === 0
      ? html`<p>${t.noPortals}</p>`
      : html`<form method="post">
          ${hidden}
          <label>
            ${t.choosePortal}
            <select name="portalId">
              ${view.portals.map(
                (id) =>
                  html`<option value="${String(id)}" ${raw(id === view.selectedPortal ? "selected" : "")}>
                    ${String(id)}
                  </option>`,
              )}
            </select>
          </label>
          <p>${t.scopes}</p>
          <ul>
            ${view.scopes.map((s) => html`<li><code>${s}</code></li>`)}
          </ul>
          ${
            view.optionalScopes.length
              ? html`<p>${t.optional}</p>
                  <ul>
                    ${view.optionalScopes.map((s) => html`<li><code>${s}</code></li>`)}
                  </ul>`
              : ""
          }
          <button type="submit" name="decision" value="approve">${t.approve}</button>
          <button type="submit" name="decision" value="deny">${t.cancel}</button>
        </form>`;
  return page(
    view.lang,
    t.title,
    html`<h1>${t.heading(view.appName)}</h1>
      ${form}`,
  );
}

export function errorPage(lang: Lang, message: string) {
  const t = STRINGS[lang];
  return page(
    lang,
    t.errorTitle,
    html`<h1>${t.errorTitle}</h1>
      <p>${message}</p>`,
  );
}
