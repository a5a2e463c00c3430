import type { Database } from "../../db/kysely.ts";
import type { TokenOwner } from "./repo/tokens.ts";
import { classify as classifyHubSpot, pauseHint } from "../../connectors/hubspot/errors.ts";
import { refreshHubSpotToken, type HubSpotApp } from "../../connectors/hubspot/oauth.ts";
import {
  createHttpClient,
  realSleep,
  type HttpClient,
  type Sleep,
  type VendorCall,
  type VendorError,
} from "../../connectors/http-client.ts";
import { classify as classifyQbo } from "../../connectors/qbo/errors.ts";
import { refreshIntuitToken, type IntuitApp } from "../../connectors/qbo/oauth.ts";
import {
  budgetHooks,
  hubspotBuckets,
  qboBuckets,
  ThrottleStreaks,
  type RateBudget,
} from "../../connectors/rate-budget.ts";
import type { Clock } from "../../lib/clock.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { err, ok } from "../../lib/result.ts";
import { noteNeedsReconnect } from "./waiting.ts";
import { createTokenProvider, NEEDS_RECONNECT, type TokenFailure, type TokenProvider } from "./tokens.ts";

export interface VendorClientDeps {
  db: Database;
  secrets: SecretBox;
  clock: Clock;
  sleep: Sleep;
  budget: RateBudget;
  hubspot?: HubSpotApp;
  intuit?: IntuitApp & { apiBaseUrl: string };
}

export interface VendorClients {
  tokens: TokenProvider;
  /** An HttpClient for one QBO company: base URL, bearer token, budget, error decoding. */
  qbo(connection: { connectionId: string; realmId: string }, onCall?: (call: VendorCall) => void): HttpClient;
  hubspot(portal: { portalId: string; appId: string }, onCall?: (call: VendorCall) => void): HttpClient;
}

/**
 * Builds the per-connection HTTP clients: every call spends the shared rate budget first, carries
 * an access token from the single-flight token provider, and is decoded by the vendor's classify().
 */
export function createVendorClients(deps: VendorClientDeps): VendorClients {
  const tokens = createTokenProvider({
    db: deps.db,
    secrets: deps.secrets,
    clock: deps.clock,
    refresher: (owner: TokenOwner) => {
      if (owner.kind === "portal") {
        const app = deps.hubspot;
        return (rt) =>
          app
            ? refreshHubSpotToken(app, rt)
            : Promise.resolve(err({ kind: "invalid_client", message: "HubSpot app not configured" }));
      }
      const app = deps.intuit;
      return (rt) =>
        app
          ? refreshIntuitToken(app, rt)
          : Promise.resolve(err({ kind: "invalid_client", message: "Intuit app not configured" }));
    },
  });

  const refused = (owner: TokenOwner, failure: TokenFailure): VendorError => {
    // The running job (if any) learns which connection stopped it: it parks until the reconnect.
    if (failure.kind === "needs_reconnect") noteNeedsReconnect(owner);
    const message =
      failure.kind === "refresh_failed" ? failure.failure.message : `${failure.kind}: reconnect required`;
    // `needs_reconnect` is a code jobs recognise: they wait for the reconnect instead of retrying.
    return {
      kind: "auth",
      retryable: failure.kind === "refresh_failed",
      message,
      ...(failure.kind === "needs_reconnect" ? { code: NEEDS_RECONNECT } : {}),
    };
  };
  const asHeaders = (token: string) => ({ authorization: `Bearer ${token}`, accept: "application/json" });
  // One per process, not per client: a throttle is told from a lone 429 across all of a process's calls.
  const streaks = new ThrottleStreaks();

  /** The bearer token of every attempt, and the one renewal of a token the vendor refused early. */
  const auth = (owner: TokenOwner) => ({
    headers: async () => {
      const token = await tokens.accessToken(owner);
      return token.ok ? ok(asHeaders(token.value)) : err(refused(owner, token.error));
    },
    onUnauthorized: async (_info: unknown, rejected: Record<string, string>) => {
      const token = (rejected.authorization ?? "").replace(/^Bearer /, "");
      const renewed = await tokens.renewRejected(owner, token);
      return renewed.ok ? ok(undefined) : err(refused(owner, renewed.error));
    },
  });

  return {
    tokens,
    qbo(connection, onCall) {
      const buckets = qboBuckets(connection.realmId);
      const batch = qboBuckets(connection.realmId, { batch: true });
      return createHttpClient({
        vendor: "qbo",
        fetch: deps.intuit?.fetch ?? fetch,
        baseUrl: `${deps.intuit?.apiBaseUrl ?? ""}/v3/company/${encodeURIComponent(connection.realmId)}`,
        classify: classifyQbo,
        clock: deps.clock,
        sleep: deps.sleep,
        ...auth({ kind: "qbo", connectionId: connection.connectionId }),
        ...budgetHooks(deps.budget, (info) => (info.path.startsWith("/batch") ? batch : buckets), streaks),
        onCall,
      });
    },
    hubspot(portal, onCall) {
      const buckets = hubspotBuckets(portal.portalId, portal.appId);
      const search = hubspotBuckets(portal.portalId, portal.appId, { search: true });
      return createHttpClient({
        vendor: "hubspot",
        fetch: deps.hubspot?.fetch ?? fetch,
        baseUrl: deps.hubspot?.apiBaseUrl ?? "",
        classify: classifyHubSpot,
        clock: deps.clock,
        sleep: deps.sleep,
        ...auth({ kind: "portal", portalId: portal.portalId }),
        ...budgetHooks(deps.budget, (info) => (info.path.includes("/search") ? search : buckets), streaks),
        // "X-HubSpot-RateLimit-Remaining: 0" on a success: pause every worker before the 429 comes.
        pauseHint,
        onCall,
      });
    },
  };
}

/**
 * A client for a company that is not stored yet (the connect flow reads its settings before
 * saving it): it carries the fresh access token itself, is not under the shared budget, and tries
 * twice at most.
 */
export function newCompanyQboClient(
  intuit: NonNullable<VendorClientDeps["intuit"]>,
  realmId: string,
  accessToken: string,
  clock: Clock,
): HttpClient {
  return createHttpClient({
    vendor: "qbo",
    fetch: intuit.fetch,
    baseUrl: `${intuit.apiBaseUrl}/v3/company/${realmId}`,
    classify: classifyQbo,
    clock,
    sleep: realSleep,
    maxAttempts: 2,
    headers: async () => ok({ authorization: `Bearer ${accessToken}`, accept: "application/json" }),
  });
}
