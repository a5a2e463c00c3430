import type { HsViewer } from "../contract.ts";
import { switchUserPath } from "./current-user.ts";

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
