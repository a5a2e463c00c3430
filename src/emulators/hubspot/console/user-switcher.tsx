import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { HsViewer, HubSpotCore } from "../contract.ts";
import { pickLocale } from "../extensions/locale.ts";
import { strings } from "../extensions/strings.ts";
import { currentViewer, switchUserPath } from "./current-user.ts";

export interface UserSwitcherProps {
  portalId: number;
  users: HsViewer[];
  current: HsViewer;
  /** The page to come back to once the cookie is set (a path on the emulator). */
  back: string;
  labels: { viewingAs: string; switchTo: string; superAdmin: string };
}

const languageName = { en: "English", ja: "日本語" } as const;

/**
 * "Viewing as": picks which of the portal's users the emulator's pages act for. The choice sets a
 * cookie for this portal (console/user-routes.ts) and comes back here, so the record page is
 * rendered, and its cards are fetched, for that user in their language. A plain form: it works
 * without script, as every emulator page does.
 */
export function UserSwitcher(props: UserSwitcherProps) {
  return (
    <form class="user-switcher" method="post" action={switchUserPath(props.portalId)}>
      <label>
        <span>{props.labels.viewingAs}</span>
        <select name="userId">
          {props.users.map((u) => (
            <option value={String(u.id)} selected={u.id === props.current.id}>
              {`${u.name} (${languageName[u.language]}${u.superAdmin ? `, ${props.labels.superAdmin}` : ""})`}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class="action">
        {props.labels.switchTo}
      </button>
    </form>
  );
}

/** The portal a console page's path names (index pages, workflows), when it exists. */
function portalInPath(core: HubSpotCore, c: Context): number | undefined {
  const raw = /^\/(?:contacts|workflows)\/(\d{1,15})(?:\/|$)/.exec(c.req.path)?.[1];
  return raw !== undefined && core.portalExists(Number(raw)) ? Number(raw) : undefined;
}

/**
 * The switcher for a console page of a portal, in the page's language; nothing on pages without one
 * (the portal list). It puts the record page's "Viewing as" on every page of a portal, so a person
 * can pick who looks before opening a record.
 */
export function consoleUserSwitcher(core: HubSpotCore, c: Context): Child {
  const portalId = portalInPath(core, c);
  const current = portalId === undefined ? undefined : currentViewer(core, portalId, c);
  if (portalId === undefined || !current) return null;
  const t = strings(pickLocale(c.req.query("lang") ?? current.language, c.req.header("accept-language")));
  const url = new URL(c.req.url);
  return (
    <UserSwitcher
      portalId={portalId}
      users={core.users(portalId)}
      current={current}
      back={`${url.pathname}${url.search}`}
      labels={{ viewingAs: t.viewingAs, switchTo: t.switchUser, superAdmin: t.superAdmin }}
    />
  );
}

/** The current user's language on a console page of a portal: the page speaks it unless `?lang=`. */
export function consoleViewerLanguage(core: HubSpotCore, c: Context): "en" | "ja" | undefined {
  const portalId = portalInPath(core, c);
  return portalId === undefined ? undefined : currentViewer(core, portalId, c)?.language;
}
