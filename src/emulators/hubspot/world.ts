import type { EmulatorClock } from "../kit/index.ts";
import type { HsChange } from "./contract.ts";
import { OAuthRegistry, type OAuthJson } from "./oauth.ts";
import { Portal, type PortalJson } from "./portal.ts";
import { Crm } from "./records.ts";

/** Portal ids start at a realistic eight-digit number. */
const FIRST_PORTAL_ID = 20_000_001;

export interface WorldJson {
  version: 1;
  nextPortalId: number;
  portals: PortalJson[];
  oauth: OAuthJson;
}

export interface NewPortal {
  companyCurrency?: string;
  timeZone?: string;
}

/**
 * Everything the emulator knows: portals, OAuth state and the write path. Change listeners hear
 * every committed write (the extensions turn them into webhooks; the state file saves).
 */
export class World {
  readonly portals = new Map<number, Portal>();
  readonly oauth: OAuthRegistry;
  readonly crm: Crm;
  readonly #listeners = new Set<(change: HsChange) => void>();
  #nextPortalId = FIRST_PORTAL_ID;

  constructor(readonly clock: EmulatorClock) {
    this.oauth = new OAuthRegistry(clock);
    this.crm = new Crm(clock, (change) => {
      for (const listener of this.#listeners) listener(change);
    });
  }

  onChange(listener: (change: HsChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  createPortal(opts: NewPortal = {}): Portal {
    const portalId = this.#nextPortalId++;
    const portal = new Portal({
      portalId,
      companyCurrency: opts.companyCurrency ?? "USD",
      timeZone: opts.timeZone ?? "US/Eastern",
      userId: 1_000_000 + (portalId % 1_000_000),
      userEmail: `admin@portal-${portalId}.example.com`,
      createdAt: this.clock.now().toISOString(),
    });
    // The installing user is also the portal's first owner, as in a new HubSpot account.
    const at = portal.settings.createdAt;
    portal.owners.push({
      id: portal.next("owner", 50_000_001),
      email: portal.settings.userEmail,
      firstName: "Portal",
      lastName: "Admin",
      userId: portal.settings.userId,
      createdAt: at,
      updatedAt: at,
      archived: false,
    });
    portal.users.push(Portal.installingUser(portal.settings));
    this.portals.set(portalId, portal);
    return portal;
  }

  portal(portalId: number): Portal | undefined {
    return this.portals.get(portalId);
  }

  reset(): void {
    this.portals.clear();
    this.oauth.reset();
    this.#nextPortalId = FIRST_PORTAL_ID;
  }

  toJSON(): WorldJson {
    return {
      version: 1,
      nextPortalId: this.#nextPortalId,
      portals: [...this.portals.values()].map((p) => p.toJSON()),
      oauth: this.oauth.toJSON(),
    };
  }

  restore(json: WorldJson): void {
    this.reset();
    this.#nextPortalId = json.nextPortalId;
    for (const p of json.portals) this.portals.set(p.settings.portalId, Portal.fromJSON(p));
    this.oauth.restore(json.oauth);
  }
}
