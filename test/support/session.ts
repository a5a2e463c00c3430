import type { Database } from "../../src/db/kysely.ts";
import { upsertPortal } from "../../src/features/connections/repo/portals.ts";
import { createSession, upsertUser } from "../../src/features/connections/repo/sessions.ts";
import { testSecrets } from "./app.ts";

/** A connected portal with one signed-in user; returns the cookie header to send. */
export async function signedInPortal(db: Database, portalId: string, now = new Date()) {
  const ctx = `hubspot:${portalId}`;
  await upsertPortal(
    db,
    {
      portalId,
      appId: "1",
      companyCurrency: "USD",
      timeZone: "UTC",
      accessToken: testSecrets.seal("access", ctx),
      refreshToken: testSecrets.seal("refresh", ctx),
      accessExpiresAt: new Date(now.getTime() + 1800_000),
      scopes: ["oauth"],
    },
    now,
  );
  const userId = await upsertUser(
    db,
    { portalId, hubspotUserId: "7", email: `owner@${portalId}.example` },
    now,
  );
  const token = await createSession(db, userId, portalId, now);
  return {
    portalId,
    userId,
    cookie: `ll_session=${token}; ll_csrf=test-csrf-token-0123456789ab`,
    csrf: "test-csrf-token-0123456789ab",
  };
}

export function formPost(cookie: string, csrf: string, fields: Record<string, string> = {}) {
  return {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  };
}
