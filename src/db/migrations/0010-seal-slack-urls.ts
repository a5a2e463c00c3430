import { sql, type Kysely, type Migration } from "kysely";
import type { SecretBox } from "../../lib/crypto.ts";

export interface MigrationContext {
  /** The box that seals OAuth tokens; only a migration that seals data needs it. */
  secrets?: SecretBox;
}

/**
 * Seals the Slack incoming-webhook URL of every Slack automation rule (it is a bearer credential):
 * `{ url }` in clear becomes `{ sealedUrl }`, sealed with the context features/automations/stored.ts
 * opens it with. A database without Slack rules needs no key; one with them refuses to migrate
 * without it rather than leave the URLs in clear.
 */
export function sealSlackUrls(ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const rows = await sql<{ id: string; settings: Record<string, unknown> }>`
        select rule_id as id, settings from automation_rules where action = 'slack'`.execute(db);
      for (const row of rows.rows) {
        const { url, ...rest } = row.settings;
        if (typeof url !== "string") continue;
        if (!ctx.secrets) throw new Error("sealing Slack URLs needs the secret key (LEDGERLINK_SECRET_KEY)");
        const sealedUrl = ctx.secrets.seal(url, `automation:${row.id}:slack-url`);
        const settings = JSON.stringify({ ...rest, sealedUrl });
        await sql`update automation_rules set settings = ${settings}::jsonb where rule_id = ${row.id}`.execute(
          db,
        );
      }
    },
  };
}
