import { ConsoleLayout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";
import { consolePaths, withLang } from "./paths.ts";
import { consoleStrings } from "./strings.ts";

/** A 404 or 400 as a page: what was wrong, and the way back to the portals. */
export function ErrorPage(props: { ctx: PageContext; title: string; message: string; portalId?: number }) {
  const t = consoleStrings(props.ctx.locale);
  return (
    <ConsoleLayout {...props.ctx} title={props.title} portalId={props.portalId}>
      <h1>{props.title}</h1>
      <p role="alert">{props.message}</p>
      <p>
        <a href={withLang(consolePaths.home(), props.ctx.lang)}>{t.home}</a>
      </p>
    </ConsoleLayout>
  );
}
