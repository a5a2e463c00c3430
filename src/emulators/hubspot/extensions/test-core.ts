import { randomUUID } from "node:crypto";
import { WebhookDispatcher, createEmulatorClock, type EmulatorClock } from "../../kit/index.ts";
import type { HsApp, HsChange, HsRecord, HubSpotCore } from "../contract.ts";
import type { AccessTokenCheck, TokenOwner } from "./access-token.ts";
import { objectType } from "./object-types.ts";

/**
 * An in-memory `HubSpotCore` for the extensions' tests, so they depend on the contract only and
 * not on the real core. One app (id 1, client secret `ledgerlink-dev-secret`), portals created on
 * demand, and a WebhookDispatcher on a frozen clock. The clock starts at the real "now" because
 * `@hubspot/api-client`'s `Signature.isValid` rejects v3 timestamps older than five minutes.
 */
export const TEST_APP: HsApp = {
  appId: 1,
  clientId: "ledgerlink-dev",
  clientSecret: "ledgerlink-dev-secret",
  redirectUris: ["http://127.0.0.1/oauth/callback"],
};
export const TEST_HAPIKEY = "ledgerlink-dev-hapikey";

export interface TestCore extends HubSpotCore, Required<AccessTokenCheck> {
  clock: EmulatorClock;
  addPortal(portalId: number): void;
  createRecord(
    portalId: number,
    objectType: string,
    properties: Record<string, string | null>,
    source?: Pick<HsChange, "changeSource" | "sourceAppId">,
  ): HsRecord;
  deleteRecord(portalId: number, objectType: string, id: string): void;
  associate(portalId: number, from: [string, string], to: [string, string], associationTypeId: number): void;
  setLabel(objectType: string, name: string, label: string): void;
  /** An OAuth access token of the test app for a portal. */
  issueToken(portalId: number, scopes?: string[]): string;
}

export function createTestCore(
  opts: { fetch?: typeof fetch; retryScheduleMs?: number[]; start?: Date } = {},
): TestCore {
  const clock = createEmulatorClock({ start: opts.start ?? new Date(), frozen: true });
  const webhooks = new WebhookDispatcher({
    clock,
    fetch: opts.fetch,
    retryScheduleMs: opts.retryScheduleMs ?? [60_000, 300_000],
  });
  const portals = new Set<number>();
  const records = new Map<string, HsRecord>();
  const links = new Map<string, Set<string>>();
  const labels = new Map<string, string>();
  const tokens = new Map<string, TokenOwner>();
  const listeners = new Set<(change: HsChange) => void>();
  let nextId = 101;

  const typeName = (spelled: string) => objectType(spelled)?.name ?? spelled;
  const key = (portalId: number, type: string, id: string) => `${portalId}:${typeName(type)}:${id}`;
  const emit = (change: HsChange) => {
    for (const listener of listeners) listener(change);
  };
  const errorResponse: HubSpotCore["errorResponse"] = (status, category, message, extra = {}) =>
    Response.json({ status: "error", message, correlationId: randomUUID(), category, ...extra }, { status });
  const INTEGRATION = { changeSource: "INTEGRATION", sourceAppId: TEST_APP.appId };

  const setProperties = (
    portalId: number,
    record: HsRecord,
    properties: Record<string, string | null>,
    source: Pick<HsChange, "changeSource" | "sourceAppId">,
  ) => {
    const now = clock.now();
    for (const [name, value] of Object.entries(properties)) {
      if (record.properties[name] === value) continue;
      record.properties[name] = value;
      emit({
        portalId,
        kind: "propertyChange",
        objectType: record.objectType,
        objectId: record.id,
        propertyName: name,
        propertyValue: value,
        ...source,
        occurredAt: now,
      });
    }
    record.updatedAt = now.toISOString();
  };

  return {
    clock,
    webhooks,
    publicUrl: () => "http://127.0.0.1:3001",
    portalExists: (portalId) => portals.has(portalId),
    getRecord: (portalId, type, id) => records.get(key(portalId, type, id)),
    associatedIds: (portalId, type, id, toType) => [
      ...(links.get(`${key(portalId, type, id)}>${typeName(toType)}`) ?? []),
    ],
    // One user per portal, an English super admin, as the record page's viewer.
    users: (portalId) =>
      portals.has(portalId)
        ? [
            {
              id: 1,
              email: "emulator-user@hubspot-emulator.test",
              name: "Emulator User",
              language: "en",
              superAdmin: true,
            },
          ]
        : [],
    propertyLabel: (_portalId, type, name) => labels.get(`${typeName(type)}.${name}`) ?? name,
    updateRecord(portalId, type, id, properties, changeSource) {
      const record = records.get(key(portalId, type, id));
      if (!record || record.archived) return undefined;
      setProperties(portalId, record, properties, { changeSource });
      return record;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    appById: (appId) => (appId === TEST_APP.appId ? TEST_APP : undefined),
    appByClientId: (clientId) => (clientId === TEST_APP.clientId ? TEST_APP : undefined),
    authenticateDeveloper(req, appId) {
      if (appId !== TEST_APP.appId)
        return errorResponse(404, "OBJECT_NOT_FOUND", `App ${appId} does not exist.`);
      const hapikey = new URL(req.url).searchParams.get("hapikey");
      const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.get("authorization") ?? "")?.[1];
      if (hapikey === TEST_HAPIKEY || bearer === TEST_APP.clientSecret) return undefined;
      return errorResponse(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
    },
    authenticateAccessToken(req) {
      const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.get("authorization") ?? "")?.[1];
      const owner = bearer ? tokens.get(bearer) : undefined;
      return owner ?? errorResponse(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
    },
    errorResponse,
    addPortal: (portalId) => void portals.add(portalId),
    createRecord(portalId, type, properties, source = INTEGRATION) {
      const now = clock.now();
      const id = String(nextId++);
      const record: HsRecord = {
        id,
        objectType: typeName(type),
        properties: { hs_object_id: id },
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        archived: false,
      };
      records.set(key(portalId, type, id), record);
      emit({
        portalId,
        kind: "creation",
        objectType: record.objectType,
        objectId: id,
        ...source,
        occurredAt: now,
      });
      setProperties(portalId, record, properties, source);
      return record;
    },
    deleteRecord(portalId, type, id) {
      const record = records.get(key(portalId, type, id));
      if (!record || record.archived) return;
      record.archived = true;
      emit({
        portalId,
        kind: "deletion",
        objectType: record.objectType,
        objectId: id,
        ...INTEGRATION,
        occurredAt: clock.now(),
      });
    },
    associate(portalId, [fromType, fromId], [toType, toId], associationTypeId) {
      // Both directions, one change each, as the real core reports them.
      for (const [a, aId, b, bId] of [
        [fromType, fromId, toType, toId],
        [toType, toId, fromType, fromId],
      ] as const) {
        const set = links.get(`${key(portalId, a, aId)}>${typeName(b)}`) ?? new Set<string>();
        set.add(bId);
        links.set(`${key(portalId, a, aId)}>${typeName(b)}`, set);
        emit({
          portalId,
          kind: "associationChange",
          objectType: typeName(a),
          objectId: aId,
          association: { toObjectType: typeName(b), toObjectId: bId, associationTypeId, removed: false },
          ...INTEGRATION,
          occurredAt: clock.now(),
        });
      }
    },
    setLabel: (type, name, label) => void labels.set(`${typeName(type)}.${name}`, label),
    issueToken(portalId, scopes = ["oauth", "automation"]) {
      const token = `test-token-${randomUUID()}`;
      tokens.set(token, { portalId, appId: TEST_APP.appId, scopes });
      return token;
    },
  };
}
