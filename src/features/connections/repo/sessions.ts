import { createHash } from "node:crypto";
import type { Database } from "../../../db/kysely.ts";
import { randomId } from "../../../lib/ids.ts";

const SESSION_DAYS = 30;
const STATE_MINUTES = 10;

/** Tokens handed to browsers are stored only as hashes: a leaked table signs nobody in. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export interface SessionUser {
  userId: string;
  portalId: string;
  /** The HubSpot user's id: what HubSpot's users API is asked about (access.ts). */
  hubspotUserId: string;
  email: string;
  locale: string | null;
}

export async function upsertUser(
  db: Database,
  user: { portalId: string; hubspotUserId: string; email: string },
  now: Date,
): Promise<string> {
  const userId = `${user.portalId}:${user.hubspotUserId}`;
  await db
    .insertInto("users")
    .values({ userId, ...user, createdAt: now, lastSignInAt: now })
    .onConflict((oc) => oc.column("userId").doUpdateSet({ email: user.email, lastSignInAt: now }))
    .execute();
  return userId;
}

export async function createSession(
  db: Database,
  userId: string,
  portalId: string,
  now: Date,
): Promise<string> {
  const token = randomId(32);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto("sessions")
    .values({ sessionHash: hashToken(token), userId, portalId, createdAt: now, expiresAt })
    .execute();
  return token;
}

export async function findSession(db: Database, token: string, now: Date): Promise<SessionUser | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.userId", "sessions.userId")
    .select(["users.userId", "sessions.portalId", "users.hubspotUserId", "users.email", "users.locale"])
    .where("sessions.sessionHash", "=", hashToken(token))
    .where("sessions.expiresAt", ">", now)
    .executeTakeFirst();
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("sessionHash", "=", hashToken(token)).execute();
}

export async function setUserLocale(db: Database, userId: string, locale: string): Promise<void> {
  await db.updateTable("users").set({ locale }).where("userId", "=", userId).execute();
}

export interface OAuthState {
  purpose: "hubspot-signin" | "qbo-connect";
  portalId: string | null;
  userId: string | null;
  returnTo: string;
}

/** A single-use, short-lived OAuth `state` (CSRF protection for the redirect back to us). */
export async function createOAuthState(db: Database, state: OAuthState, now: Date): Promise<string> {
  const token = randomId(24);
  const expiresAt = new Date(now.getTime() + STATE_MINUTES * 60_000);
  await db
    .insertInto("oauthStates")
    .values({ stateHash: hashToken(token), ...state, expiresAt })
    .execute();
  return token;
}

/** Consumes the state: it works once, only before it expires, only for its purpose. */
export async function takeOAuthState(
  db: Database,
  token: string,
  purpose: OAuthState["purpose"],
  now: Date,
): Promise<OAuthState | undefined> {
  const row = await db
    .deleteFrom("oauthStates")
    .where("stateHash", "=", hashToken(token))
    .returning(["purpose", "portalId", "userId", "returnTo", "expiresAt"])
    .executeTakeFirst();
  if (!row || row.purpose !== purpose || row.expiresAt <= now) return undefined;
  return { purpose: row.purpose, portalId: row.portalId, userId: row.userId, returnTo: row.returnTo };
}
