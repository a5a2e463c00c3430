import type { Hono } from "hono";
import type { DeliveryHooks, EmulatorClock, WebhookDelivery, WebhookDispatcher } from "../kit/index.ts";

/**
 * The seam between the HubSpot emulator's core (store, CRM, OAuth: `app.ts`) and its extensions
 * (webhooks, app cards, workflow actions: `extensions/`). The core implements `HubSpotCore`;
 * the extensions only read records and listen to changes through it, so each side can be
 * understood on its own.
 */

/** A CRM record as the store keeps it. Property values are strings, as HubSpot returns them. */
export interface HsRecord {
  id: string;
  /** Object type name: contacts, companies, deals, products, line_items, quotes, invoices. */
  objectType: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** One change in a portal, emitted after it is committed to the store. */
export interface HsChange {
  portalId: number;
  kind: "creation" | "propertyChange" | "deletion" | "associationChange";
  objectType: string;
  objectId: string;
  /** For propertyChange: the property and its new value. */
  propertyName?: string;
  propertyValue?: string | null;
  /** For associationChange. */
  association?: {
    toObjectType: string;
    toObjectId: string;
    associationTypeId: number;
    removed: boolean;
  };
  /** The app whose token made the change (HubSpot reports `changeSource: "INTEGRATION"` and the app id). */
  sourceAppId?: number;
  /** CRM_UI, INTEGRATION, API, WORKFLOW ... as HubSpot's `changeSource`. */
  changeSource: string;
  occurredAt: Date;
}

export interface HsApp {
  appId: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/**
 * A user of a portal as the emulator's pages see them: who is looking (the id and e-mail HubSpot
 * sends with card fetches) and the language of their HubSpot UI (emulator-only, users.ts).
 */
export interface HsViewer {
  id: number;
  email: string;
  name: string;
  language: "en" | "ja";
  superAdmin: boolean;
}

export interface HubSpotCore {
  clock: EmulatorClock;
  /** The dispatcher every webhook delivery goes through (shared so `/__emulator/webhooks` sees all). */
  webhooks: WebhookDispatcher;
  /** The base URL the emulator is served at (for links on rendered pages). */
  publicUrl(): string;
  portalExists(portalId: number): boolean;
  getRecord(portalId: number, objectType: string, id: string): HsRecord | undefined;
  /** The live contact with this e-mail (case-insensitive), as timeline events by `email` find it. */
  findContactByEmail?(portalId: number, email: string): string | undefined;
  /** Associated record ids of `toObjectType` for a record. */
  associatedIds(portalId: number, objectType: string, id: string, toObjectType: string): string[];
  /** The portal's users, the installing user first (the viewer when nobody has been picked). */
  users(portalId: number): HsViewer[];
  /** Property labels for rendering (falls back to the name). */
  propertyLabel(portalId: number, objectType: string, name: string): string;
  /** Sets properties as a workflow would (changeSource WORKFLOW); returns the record or undefined. */
  updateRecord(
    portalId: number,
    objectType: string,
    id: string,
    properties: Record<string, string | null>,
    changeSource: string,
  ): HsRecord | undefined;
  onChange(listener: (change: HsChange) => void): () => void;
  appById(appId: number): HsApp | undefined;
  appByClientId(clientId: string): HsApp | undefined;
  /**
   * Authenticates a developer-API request (`/webhooks/v3/{appId}`, `/crm/v3/extensions/cards/{appId}`,
   * `/automation/v4/actions/{appId}`): `?hapikey=` developer API key, or the app's client secret
   * as a bearer token. Returns the error response HubSpot would send, or undefined when allowed.
   */
  authenticateDeveloper(req: Request, appId: number): Response | undefined;
  /** HubSpot's error body, as every failure answers. */
  errorResponse(status: number, category: string, message: string, extra?: Record<string, unknown>): Response;
}

/** A custom workflow action as the console's workflows page lists it. */
export interface HsWorkflowAction {
  appId: number;
  actionId: string;
  /** The action's name in each language it has labels for (`en`, `ja`...). */
  names: Record<string, string>;
  /** Upper-case object type names it runs on (`DEAL`). */
  objectTypes: string[];
  inputFields: Array<{
    name: string;
    type: string;
    fieldType?: string;
    isRequired: boolean;
    /** Fixed options; fields with an `optionsUrl` get theirs from `fieldOptions`. */
    options: Array<{ label: string; value: string }>;
    fetchesOptions: boolean;
    /** The field's label per language, when the definition's labels give one. */
    labels: Record<string, string>;
  }>;
}

/** One execution of a workflow action, as the console shows it (a subset of the control API's run). */
export interface HsWorkflowRun {
  callbackId: string;
  portalId: number;
  appId: number;
  actionId: string;
  objectType: string;
  objectId: string;
  inputFields: Record<string, unknown>;
  state: string;
  outputFields: Record<string, string>;
  attempts: Array<{ at: string; status?: number; error?: string }>;
  startedAt: string;
  completedAt?: string;
  completedBy?: string;
  expiresAt?: string;
  failure?: string;
}

export type HsWorkflowStart =
  { ok: true; run: HsWorkflowRun } | { ok: false; status: 400 | 404; category: string; message: string };

/** What the console's workflows page asks of the custom workflow actions extension. */
export interface HsWorkflowConsole {
  /** Published, live actions of every app. */
  actions(): HsWorkflowAction[];
  /** An input field's options from its `optionsUrl` (HubSpot's fetch, signed); undefined when that fails. */
  fieldOptions(
    portalId: number,
    appId: number,
    actionId: string,
    fieldName: string,
  ): Promise<Array<{ label: string; value: string }> | undefined>;
  /** Enrols a record, exactly as `POST /__emulator/workflows/run` does. */
  start(input: {
    portalId: number;
    appId: number;
    actionId: string;
    objectId: string;
    objectType?: string;
    inputFields: Record<string, string>;
  }): Promise<HsWorkflowStart>;
  runs(portalId: number): HsWorkflowRun[];
  run(callbackId: string): HsWorkflowRun | undefined;
}

/** What an extension gives back to the core to mount and persist. */
export interface HubSpotExtension {
  /** Public routes, mounted at the root (`/webhooks/v3/...`, `/contacts/{portalId}/record/...`). */
  routes: Hono;
  /** Control routes, mounted under `/__emulator` (for example `/workflows/run`). */
  control?: Hono;
  /** JSON-serialisable state for `--state FILE`, and its restore. */
  snapshot(): unknown;
  restore(state: unknown): void;
  reset(): void;
  /** The custom workflow actions, for the console's workflows page. */
  workflows?: HsWorkflowConsole;
  /** Rebuilds a webhook delivery saved in the state file (its signer cannot be saved). */
  rebuildDelivery?(delivery: WebhookDelivery): DeliveryHooks | undefined;
}
