/**
 * The paths of Ledgerlink's routes that a vendor console or the HubSpot app project must name: OAuth
 * redirect URLs, webhook targets, the card API and its iframe pages, the workflow action. One list,
 * so the setup guides, `hubspot-app/` and its tests cannot drift from the router
 * (`hubspot-app/test/project.test.ts` checks each against the app's routes).
 */
export const PATHS = {
  hubspotOAuthCallback: "/oauth/hubspot/callback",
  qboOAuthCallback: "/oauth/qbo/callback",
  hubspotWebhooks: "/webhooks/hubspot",
  qboWebhooks: "/webhooks/qbo",
  /** The card API: the classic CRM card JSON, or with `format=app-card` the app card's JSON. */
  hubspotCard: "/hubspot/card",
  embedNewInvoice: "/embed/invoices/new",
  embedAddInvoice: "/embed/invoices/add",
  invoicePreview: "/invoices/:key/preview",
  /** W2 "Create QuickBooks invoice"; HubSpot POSTs each workflow execution here. */
  workflowCreateInvoice: "/hubspot/workflow-actions/create-invoice",
  /** The action's `optionsUrl`: HubSpot POSTs here for the portal's QuickBooks companies to pick from. */
  workflowCreateInvoiceCompanies: "/hubspot/workflow-actions/create-invoice/companies",
  /** Intuit's "Launch URL": opening the app from QuickBooks' Apps page signs in, then connects. */
  intuitLaunch: "/intuit/launch",
  /** Intuit's "Disconnect URL": where QuickBooks sends the user after they disconnect the app there. */
  intuitDisconnect: "/intuit/disconnect",
} as const;

/** Routes named in the vendor configuration that no handler serves yet (none since W2). */
export const PENDING_PATHS: ReadonlySet<string> = new Set([]);
