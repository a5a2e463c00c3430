export { createInvoiceActionDefinition } from "./definition.ts";
export { workflowActionRoutes } from "./routes.ts";
export { runWorkflowAction, workflowActionJobs } from "./jobs.ts";
