import type { SessionUser } from "../features/connections/index.ts";
import type { EmbedClaims } from "../lib/signed-token.ts";
import type { Logger } from "../lib/logger.ts";
import type { Locale, Translate } from "../web/i18n/index.ts";

/** What every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    locale: Locale;
    t: Translate;
    csrfToken: string;
    /** The signed-in user; every page and API call is scoped to `user.portalId`. */
    user: SessionUser | undefined;
    /** Iframe pages only (middleware/embed.ts): who opened them, from which record, with which token. */
    embed: EmbedClaims & { token: string };
  };
}
