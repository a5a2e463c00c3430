import type { SecretBox } from "../../lib/crypto.ts";
import type { ActionSettings } from "./rule-schema.ts";

/**
 * A rule's action settings as `automation_rules.settings` holds them: a Slack incoming-webhook URL
 * is a bearer credential (whoever has it can post to the channel), so it is sealed like the OAuth
 * tokens; a webhook rule's signing secret likewise.
 */
export type StoredSettings =
  | Extract<ActionSettings, { action: "email" }>
  | { action: "slack"; sealedUrl: string; text: string }
  | { action: "webhook"; url: string; secret?: string };

/** The sealing context of a rule's webhook secret: a secret copied to another rule fails to open. */
export const secretContext = (ruleId: string) => `automation:${ruleId}`;

/**
 * The sealing context of a rule's Slack URL (migration 0010 seals with the same string). Distinct
 * from the webhook secret's, so neither sealed value opens in the other's place.
 */
export const slackUrlContext = (ruleId: string) => `automation:${ruleId}:slack-url`;

export function openSlackUrl(secrets: SecretBox, ruleId: string, s: { sealedUrl: string }): string {
  return secrets.open(s.sealedUrl, slackUrlContext(ruleId));
}

/**
 * A URL as the edit page may show it: its origin and first path segment, then the first and last 4
 * characters of the rest, e.g. `https://hooks.slack.com/services/T000…/…abcd`. Enough to recognise
 * which hook it is, too little to post with; a rest shorter than 16 characters is hidden whole.
 */
export function maskUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname + parsed.search;
  const cut = path.indexOf("/", 1);
  const first = cut === -1 ? "" : path.slice(0, cut);
  const rest = cut === -1 ? path.slice(1) : path.slice(cut + 1);
  const hidden = rest.length >= 16 ? `${rest.slice(0, 4)}…/…${rest.slice(-4)}` : "…";
  return `${parsed.origin}${first}/${hidden}`;
}
