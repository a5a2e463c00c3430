import { ConsoleLayout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";
import { consolePaths, withLang } from "./paths.ts";
import { consoleStrings } from "./strings.ts";
import { CONSOLE_TYPES } from "./types.ts";

export interface PortalSummary {
  id: number;
  currency: string;
  timeZone: string;
  /** Live records per console type name. */
  counts: Record<string, number>;
}

/** `/`: every portal, each with the way into its lists and workflows. */
export function HomePage(props: { ctx: PageContext; portals: PortalSummary[] }) {
  const { ctx } = props;
  const t = consoleStrings(ctx.locale);
  const link = (path: string) => withLang(path, ctx.lang);
  return (
    <ConsoleLayout {...ctx} title={t.portalsTitle}>
      <h1>{t.portalsTitle}</h1>
      {props.portals.length === 0 ? <p class="muted">{t.noPortals}</p> : null}
      <ul class="portals">
        {props.portals.map((portal) => (
          <li data-portal-id={String(portal.id)}>
            <strong>
              <a href={link(consolePaths.list(portal.id, "0-3"))}>{t.portal(portal.id)}</a>
            </strong>
            <div class="muted">{t.portalFacts(portal.currency, portal.timeZone)}</div>
            <ul>
              {CONSOLE_TYPES.map((type) => (
                <li>
                  <a href={link(consolePaths.list(portal.id, type.typeId))}>{t.nav[type.name]}</a>{" "}
                  <span class="muted">({portal.counts[type.name] ?? 0})</span>
                </li>
              ))}
              <li>
                <a href={link(consolePaths.workflows(portal.id))}>{t.nav.workflows}</a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </ConsoleLayout>
  );
}
