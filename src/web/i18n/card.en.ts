/** English strings of the card, its iframe pages and the Invoices page (ja in card.ja.ts). */
export const cardEn = {
  "card.company": "QuickBooks company",
  "card.amount": "Amount",
  "card.dueDate": "Due date",
  "card.status": "Status",
  "card.status.awaiting_send": "Awaiting send",
  "card.status.sent": "Sent to customer",
  "card.status.partially_paid": "Partial payment",
  "card.status.paid": "Paid in full",
  "card.status.overdue": "Overdue",
  "card.status.voided": "Voided",
  "card.createInvoice": "Create invoice",
  "card.addExisting": "Add existing invoice",
  "card.itemLabel": "Invoices",
  "card.notConnected": "Ledgerlink is not connected to this HubSpot account",
  "card.notConnected.body": "Open Ledgerlink and sign in with HubSpot to connect it.",
} as const;
