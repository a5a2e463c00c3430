import { ConsoleLayout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";
import { consoleStrings } from "./strings.ts";

export interface IndexPageProps {
  ctx: PageContext;
  portalId: number;
  typeName: string;
  /** The form's own path (the search box GETs it). */
  action: string;
  columns: Array<{ name: string; label: string }>;
  rows: Array<{ id: string; href: string; title: string; cells: string[] }>;
  q: string;
  total: number;
  page: number;
  pages: number;
  previousHref?: string;
  nextHref?: string;
}

/** A type's index: the search box, one page of records (name first, linking to the record), paging. */
export function IndexPage(props: IndexPageProps) {
  const { ctx } = props;
  const t = consoleStrings(ctx.locale);
  const typeLabel = t.nav[props.typeName] ?? props.typeName;
  return (
    <ConsoleLayout {...ctx} title={typeLabel} portalId={props.portalId} active={props.typeName}>
      <h1>{typeLabel}</h1>
      <form class="search" method="get" action={props.action} role="search">
        {ctx.lang ? <input type="hidden" name="lang" value={ctx.lang} /> : null}
        <input type="search" name="q" value={props.q} aria-label={t.searchLabel(typeLabel)} />
        <button type="submit">{t.search}</button>
        {props.q ? <a href={props.action + (ctx.lang ? `?lang=${ctx.lang}` : "")}>{t.clear}</a> : null}
      </form>
      <p class="muted" data-total={String(props.total)}>
        {props.q ? t.matching(props.total, props.q) : t.results(props.total)}
      </p>
      {props.rows.length === 0 ? (
        <p>{props.q ? t.noMatch(props.q) : t.noRecords}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t.name}</th>
                {props.columns.map((col) => (
                  <th title={col.name}>{col.label}</th>
                ))}
                <th>{t.id}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr data-record-id={row.id}>
                  <td>
                    <a href={row.href}>{row.title}</a>
                  </td>
                  {row.cells.map((cell) => (
                    <td>{cell}</td>
                  ))}
                  <td>{row.id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.pages > 1 ? (
        <nav class="pager" aria-label={t.pageOf(props.page, props.pages)}>
          {props.previousHref ? <a href={props.previousHref}>{t.previous}</a> : null}
          <span>{t.pageOf(props.page, props.pages)}</span>
          {props.nextHref ? (
            <a href={props.nextHref} rel="next">
              {t.next}
            </a>
          ) : null}
        </nav>
      ) : null}
    </ConsoleLayout>
  );
}
