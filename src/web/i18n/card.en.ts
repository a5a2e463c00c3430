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
  "invoiceError.validation": "QuickBooks refused the invoice: some of its details are not valid there.",
  "invoiceError.closed_period":
    "QuickBooks refused the invoice: its date falls in a closed accounting period. Choose a later invoice date or ask your accountant to reopen the period.",
  "invoiceError.inactive":
    "QuickBooks refused the invoice: the customer, a product or a tax code has been made inactive or deleted in QuickBooks. Pick another one.",
  "invoiceError.duplicate":
    "QuickBooks refused the invoice because something with the same name or number already exists.",
  "invoiceError.custom_numbers":
    "Custom transaction numbers are turned on in QuickBooks, so Ledgerlink cannot create invoices there. Turn the setting off in QuickBooks and try again.",
  "invoiceError.incomplete":
    "The invoice is missing something it needs ({detail}). Go back through the steps and complete it.",
  "invoiceError.reconnect":
    "Ledgerlink can no longer reach this QuickBooks company. Reconnect it on the Connections page and try again.",
  "invoiceError.other": "QuickBooks did not create the invoice. Try again in a moment.",
  "invoiceError.detail": "QuickBooks said: {detail}",
} as const;
