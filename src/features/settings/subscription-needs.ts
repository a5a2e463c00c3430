import { subscriptionsFor, type HubSpotSubscription } from "../../connectors/hubspot/subscriptions.ts";
import type { MappingDirection, MappingObject } from "../../db/schema/index.ts";
import { COMPANY_PROPERTY_OF } from "../../connectors/hubspot/company-properties.ts";
import { DEFAULT_MAPPINGS } from "./mapping/defaults.ts";

/*
 * Which webhook subscriptions mappings need, without I/O: the project file's test (hubspot-app,
 * which typechecks with React's JSX) imports this file alone.
 */

export interface MappingLike {
  object: MappingObject;
  hubspotProperty: string;
  direction: MappingDirection;
}

/**
 * The webhook subscriptions the given mappings need (ADR 0040): a HubSpot edit of a property that a
 * mapping brings to QBO must arrive as a webhook, not wait for the reconcile. A contact mapping also
 * watches the company property of the same meaning (customers may sync as companies). Invoice
 * mappings flow to HubSpot only and need none.
 */
export function subscriptionsForMappings(mappings: readonly MappingLike[]): HubSpotSubscription[] {
  const toQbo = mappings.filter((m) => m.direction !== "to_hubspot");
  const of = (object: MappingObject) =>
    toQbo.filter((m) => m.object === object).map((m) => m.hubspotProperty);
  const contact = of("contact");
  return subscriptionsFor({
    contact,
    company: contact.flatMap((p) => (COMPANY_PROPERTY_OF[p] ? [COMPANY_PROPERTY_OF[p]] : [])),
    product: of("product"),
  });
}

export const defaultMappings: MappingLike[] = Object.entries(DEFAULT_MAPPINGS).flatMap(([object, pairs]) =>
  pairs.map((p) => ({ ...p, object: object as MappingObject })),
);

/**
 * What the HubSpot project file (`hubspot-app/src/app/webhooks/webhooks-hsmeta.json`) declares: the
 * default mappings' needs, for an installation that cannot change its subscriptions by API.
 */
export const DEFAULT_SUBSCRIPTIONS: HubSpotSubscription[] = subscriptionsForMappings(defaultMappings);
