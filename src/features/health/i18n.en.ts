/** Health incidents: the banner on every page, the card's row and the notices (ADR 0028). */
export const healthEn = {
  "health.banner.label": "Connection health",
  "health.reconnect.hubspot":
    "Ledgerlink can no longer reach HubSpot portal {name}: its access was revoked or has expired. Syncing has stopped until you reconnect.",
  "health.reconnect.qbo":
    "Ledgerlink can no longer reach the QuickBooks company {name}: its access was revoked or has expired. Syncing with it has stopped until you reconnect.",
  "health.failing.one": "The last sync of {object} with {name} failed.",
  "health.failing.other": "The last {count} syncs of {object} with {name} failed, with no success since.",
  "health.action.reconnect": "Reconnect",
  "health.action.activity": "See what failed",
  "health.card.title": "Needs attention",
  "health.notice.subject": "Ledgerlink needs attention",
  "health.notice.footer":
    "You are told once per problem. Ledgerlink shows it on every page until it is resolved: {url}",
} as const;
