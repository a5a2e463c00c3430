import type { Child } from "hono/jsx";
import type { Entity } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { Shell, type Tab } from "../layout.tsx";
import type { View } from "../view.ts";

export interface ListProps {
  view: View;
  company: Company;
  today: string;
  notice?: string;
}

/** Newest first, as QBO's lists open. */
export const newestFirst = (rows: Entity[]) => [...rows].sort((a, b) => Number(b.Id) - Number(a.Id));

export function ListShell(props: ListProps & { tab: Tab; children: Child; actions?: Child }) {
  return (
    <Shell
      view={props.view}
      title={props.view.t(`nav.${props.tab}`)}
      company={props.company}
      tab={props.tab}
      notice={props.notice}
    >
      {props.actions ? <div class="actions">{props.actions}</div> : null}
      {props.children}
    </Shell>
  );
}
