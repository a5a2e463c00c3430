/**
 * What Ledgerlink watches in HubSpot through webhooks (hints only, ADR 0004): identities, deals and their
 * line items. One list for the demo (registered with the emulator) and for the real app's
 * `hubspot-app/src/app/webhooks/webhooks-hsmeta.json` (its test compares the two).
 */
export const HUBSPOT_SUBSCRIPTIONS: ReadonlyArray<{ eventType: string; propertyName?: string }> = [
  { eventType: "deal.creation" },
  { eventType: "deal.deletion" },
  ...["dealstage", "amount", "dealname", "closedate"].map((p) => ({
    eventType: "deal.propertyChange",
    propertyName: p,
  })),
  { eventType: "contact.creation" },
  { eventType: "contact.propertyChange", propertyName: "email" },
  { eventType: "company.creation" },
  { eventType: "company.propertyChange", propertyName: "name" },
  { eventType: "product.creation" },
  ...["name", "price"].map((p) => ({ eventType: "product.propertyChange", propertyName: p })),
  { eventType: "line_item.creation" },
  { eventType: "line_item.deletion" },
];
