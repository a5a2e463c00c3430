import type { Child } from "hono/jsx";
import { EMBED_JS_PATH } from "./embed-assets.ts";
import type { Locale, Translate } from "./i18n/index.ts";

/**
 * The shell of the pages HubSpot shows in its iframe (wizard, "Add existing invoice"): no
 * navigation (the user is in HubSpot), our stylesheet, and the script that closes the modal.
 */
export function EmbedLayout(props: {
  t: Translate;
  locale: Locale;
  title: string;
  /** Extra head elements (the wizard's progress page refreshes itself with a meta refresh). */
  head?: Child;
  children: Child;
}) {
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${props.t("app.name")}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src={EMBED_JS_PATH} defer />
        {props.head}
      </head>
      <body class="embed">
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
