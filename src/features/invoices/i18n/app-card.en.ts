/** English strings the HubSpot app card shows, sent in its JSON (ja in app-card.ja.ts). */
export const appCardEn = {
  "appCard.number": "Invoice",
  "appCard.preview": "Preview",
  "appCard.empty.title": "No invoices on this record yet",
  "appCard.empty.deal": "Create an invoice from this deal, or add one that already exists in QuickBooks.",
  "appCard.empty.other": "Add an invoice that already exists in QuickBooks.",
} as const;
