/**
 * The workflow-action feature: HubSpot's "Create QuickBooks invoice" action, answered BLOCK and
 * completed by callback once a job has created the invoice.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { createInvoiceActionDefinition } from "./definition.ts";
export { workflowActionRoutes } from "./routes.ts";
export { runWorkflowAction, workflowActionJobs } from "./jobs.ts";
