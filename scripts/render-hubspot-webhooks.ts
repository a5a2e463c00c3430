import { DEFAULT_SUBSCRIPTIONS } from "../src/features/settings/subscription-needs.ts";

/**
 * The HubSpot project's webhooks component (`hubspot-app/src/app/webhooks/webhooks-hsmeta.json`):
 * the subscriptions the default field mappings need (ADR 0040). An installation without a developer
 * API key keeps these; hubspot-app/test/project.test.ts fails when the file and this drift apart.
 */
export function renderHubSpotWebhooks(targetUrl: string): string {
  const file = {
    uid: "ledgerlink_webhooks",
    type: "webhooks",
    config: {
      settings: { targetUrl, maxConcurrentRequests: 10 },
      subscriptions: {
        crmObjects: [],
        legacyCrmObjects: DEFAULT_SUBSCRIPTIONS.map((s) => ({
          subscriptionType: s.eventType,
          ...(s.propertyName ? { propertyName: s.propertyName } : {}),
          active: true,
        })),
        hubEvents: [],
      },
    },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
