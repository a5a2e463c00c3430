// Fires N concurrent access-token requests for one QBO connection from its own process.
// argv: <databaseUrl> <schema> <connectionId> <tokenUrl> <secretKey> <n>. Prints the tokens it got as JSON.
import { openDatabase } from "../../src/db/kysely.ts";
import { refreshIntuitToken } from "../../src/connectors/qbo/oauth.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { SecretBox } from "../../src/lib/crypto.ts";
import { createTokenProvider } from "../../src/features/connections/tokens.ts";

const [databaseUrl, schema, connectionId, tokenUrl, key, n] = process.argv.slice(2);
if (databaseUrl && schema && connectionId && tokenUrl && key && n) {
  const handle = await openDatabase({ databaseUrl, schema });
  const app = {
    clientId: "ledgerlink-dev",
    clientSecret: "ledgerlink-dev-secret",
    redirectUri: "http://localhost/cb",
    authBaseUrl: tokenUrl,
    oauthBaseUrl: tokenUrl,
    revokeBaseUrl: tokenUrl,
    fetch,
    clock: systemClock,
  };
  const tokens = createTokenProvider({
    db: handle.db,
    secrets: new SecretBox(key),
    clock: systemClock,
    refresher: () => (rt) => refreshIntuitToken(app, rt),
  });
  // Warm the pool, say so, then wait for the parent's go so that both processes really race.
  await handle.db.selectFrom("qboConnections").select("connectionId").execute();
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  const results = await Promise.all(
    Array.from({ length: Number(n) }, () => tokens.accessToken({ kind: "qbo", connectionId })),
  );
  process.stdout.write(`${JSON.stringify(results.map((r) => (r.ok ? r.value : `error:${r.error.kind}`)))}\n`);
  await handle.close();
  process.exit(0);
}
