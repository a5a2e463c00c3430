import {
  FaultInjector,
  RequestLog,
  SlidingWindowLimiter,
  StateFile,
  WebhookDispatcher,
  type DeliveryHooks,
  type DispatcherSnapshot,
  type EmulatorClock,
  type WebhookDelivery,
} from "../kit/index.ts";
import { createCompany, type NewCompany } from "./company.ts";
import { INTUIT_RETRY_SCHEDULE_MS, intuitSignature, payloadFor } from "./notifications.ts";
import { DEFAULT_APP, OAuthStore, type OAuthJson, type QboApp } from "./oauth-store.ts";
import type { RuleContext } from "./rules/common.ts";
import { Company, type CompanyJson } from "./store.ts";

export interface QboWorldOptions {
  clock: EmulatorClock;
  stateFile?: string;
  rateLimits?: boolean;
  /** Deliver webhooks on their own (the CLI); tests call `/__emulator/webhooks/flush` instead. */
  autoDeliverWebhooks?: boolean;
  fetch?: typeof fetch;
}

interface WorldJson {
  version: 1;
  realmCounter: number;
  companies: CompanyJson[];
  apps: QboApp[];
  oauth: OAuthJson;
  /** Webhook deliveries, pending retries included. */
  webhooks?: DispatcherSnapshot;
}

/**
 * Everything one QBO emulator knows: companies, registered apps, OAuth grants, and the kit's
 * clock, limiter, fault injector, request log and webhook dispatcher. Routes read and change it;
 * `changed()` persists it when a state file is in use.
 */
export class QboWorld {
  companies = new Map<string, Company>();
  apps = new Map<string, QboApp>();
  readonly oauth = new OAuthStore();
  readonly clock: EmulatorClock;
  readonly limiter: SlidingWindowLimiter;
  readonly faults = new FaultInjector();
  readonly requests = new RequestLog();
  readonly webhooks: WebhookDispatcher;
  #realmCounter = 1;
  #state: StateFile<WorldJson> | undefined;

  constructor(opts: QboWorldOptions) {
    this.clock = opts.clock;
    this.limiter = new SlidingWindowLimiter(opts.clock);
    this.limiter.enabled = opts.rateLimits ?? true;
    this.webhooks = new WebhookDispatcher({
      clock: opts.clock,
      fetch: opts.fetch,
      retryScheduleMs: INTUIT_RETRY_SCHEDULE_MS,
      autoDeliver: opts.autoDeliverWebhooks ?? false,
      // Intuit gives an endpoint 3 seconds to answer (docs/vendors/quickbooks.md §7.4).
      timeoutMs: 3000,
    });
    this.resetApps();
    if (opts.stateFile) {
      this.#state = new StateFile<WorldJson>(opts.stateFile);
      const saved = this.#state.load();
      if (saved) this.restore(saved);
    }
  }

  now(): Date {
    return this.clock.now();
  }

  context(company: Company, include: Iterable<string> = []): RuleContext {
    return { company, now: this.now(), include: new Set([...include].map((s) => s.toLowerCase())) };
  }

  /** Realm ids look like Intuit's 16-digit sandbox ids. */
  addCompany(opts: Omit<NewCompany, "realmId">): Company {
    const realmId = `93414500${String(this.#realmCounter++).padStart(8, "0")}`;
    const company = createCompany({ ...opts, realmId }, this.now());
    this.companies.set(realmId, company);
    this.changed();
    return company;
  }

  /** Turns a company's pending changes into one signed notification per connected app. */
  notify(company: Company): void {
    const events = company.drainEvents().filter((e) => e.entity !== "TaxCode" && e.entity !== "TaxRate");
    if (events.length === 0) return;
    const { realmId } = company.settings;
    for (const clientId of this.oauth.connectedClients(realmId, this.now().getTime())) {
      const app = this.apps.get(clientId);
      const hooks = this.#deliveryHooks(clientId);
      if (!app?.webhookUrl || !hooks) continue;
      this.webhooks.enqueue(app.webhookUrl, payloadFor(app, realmId, events), hooks.sign, {
        meta: { clientId },
      });
    }
  }

  /** Signs with the app's verifier token; also rebuilds a saved delivery's signer after a restart. */
  #deliveryHooks(clientId: string): DeliveryHooks | undefined {
    const verifier = this.apps.get(clientId)?.verifierToken;
    if (!verifier) return undefined;
    return { sign: (raw) => ({ "intuit-signature": intuitSignature(verifier, raw) }) };
  }

  changed(): void {
    this.#state?.scheduleSave(() => this.toJSON());
  }

  flushState(): void {
    this.#state?.flush();
  }

  reset(): void {
    this.companies.clear();
    this.oauth.codes.clear();
    this.oauth.access.clear();
    this.oauth.refresh.clear();
    this.oauth.rotation = "lenient";
    this.oauth.loseRefreshReplies = 0;
    this.faults.clear();
    this.requests.clear();
    this.webhooks.clear();
    this.limiter.reset();
    this.resetApps();
    this.#realmCounter = 1;
    // Last, so that the dispatcher's clock listener finds no pending delivery to fire.
    this.clock.reset();
    this.changed();
  }

  private resetApps(): void {
    this.apps = new Map([[DEFAULT_APP.clientId, { ...DEFAULT_APP }]]);
  }

  toJSON(): WorldJson {
    return {
      version: 1,
      realmCounter: this.#realmCounter,
      companies: [...this.companies.values()].map((c) => c.toJSON()),
      apps: [...this.apps.values()],
      oauth: this.oauth.toJSON(),
      webhooks: this.webhooks.snapshot(),
    };
  }

  private restore(json: WorldJson): void {
    this.#realmCounter = json.realmCounter;
    this.companies = new Map(json.companies.map((c) => [c.settings.realmId, Company.fromJSON(c)]));
    this.apps = new Map(json.apps.map((a) => [a.clientId, a]));
    if (!this.apps.has(DEFAULT_APP.clientId)) this.apps.set(DEFAULT_APP.clientId, { ...DEFAULT_APP });
    this.oauth.restore(json.oauth);
    if (json.webhooks) {
      this.webhooks.restore(json.webhooks, (d: WebhookDelivery) =>
        this.#deliveryHooks(String((d.meta as { clientId?: string } | undefined)?.clientId)),
      );
    }
  }

  close(): void {
    this.flushState();
    this.webhooks.close();
  }
}
