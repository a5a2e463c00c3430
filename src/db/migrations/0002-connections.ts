import { sql, type Kysely } from "kysely";

const now = sql`now()`;

/** Portals, users and sessions, QBO connections, OAuth states, the webhook inbox and the sync ledger. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("portals")
    .addColumn("portal_id", "text", (c) => c.primaryKey())
    .addColumn("app_id", "text", (c) => c.notNull())
    .addColumn("company_currency", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .addColumn("access_token", "text", (c) => c.notNull())
    .addColumn("refresh_token", "text", (c) => c.notNull())
    .addColumn("access_expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("scopes", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("status_reason", "text")
    .addColumn("setup_completed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("hubspot_user_id", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("locale", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_sign_in_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("users_portal_hubspot_user", ["portal_id", "hubspot_user_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("session_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id").onDelete("cascade"))
    .addColumn("portal_id", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("oauth_states")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("portal_id", "text")
    .addColumn("user_id", "text")
    .addColumn("return_to", "text", (c) => c.notNull().defaultTo("/"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("qbo_connections")
    .addColumn("connection_id", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("realm_id", "text", (c) => c.notNull())
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("home_currency", "text", (c) => c.notNull())
    .addColumn("multi_currency", "boolean", (c) => c.notNull())
    .addColumn("custom_txn_numbers", "boolean", (c) => c.notNull())
    .addColumn("access_token", "text", (c) => c.notNull())
    .addColumn("refresh_token", "text", (c) => c.notNull())
    .addColumn("access_expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("refresh_expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("status_reason", "text")
    .addColumn("info_refreshed_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("qbo_connections_portal_realm", ["portal_id", "realm_id"])
    .execute();

  await db.schema
    .createTable("webhook_inbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("vendor", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("processed_at", "timestamptz")
    .addUniqueConstraint("webhook_inbox_dedupe", ["vendor", "dedupe_key"])
    .execute();

  await db.schema
    .createTable("sync_ledger")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("portal_id", "text", (c) => c.notNull())
    .addColumn("connection_id", "text")
    .addColumn("object_type", "text", (c) => c.notNull())
    .addColumn("object_id", "text")
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("vendor_calls", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("error_category", "text")
    .addColumn("error_message", "text")
    .addColumn("retry_job", "jsonb")
    .addColumn("job_id", "text")
    .addColumn("request_id", "text")
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sync_ledger_portal_at")
    .on("sync_ledger")
    .columns(["portal_id", "at"])
    .execute();

  await db.schema
    .createTable("sync_checkpoints")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("cursor", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
}
