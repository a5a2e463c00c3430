export { createInvoiceActionDefinition } from "./definition.ts";
export { workflowEn } from "./i18n.en.ts";
export { workflowJa } from "./i18n.ja.ts";
export { runWorkflowAction } from "./jobs.ts";
export { workflowActionRoutes } from "./routes.ts";
export { runWorkflowActionHandler } from "./run.ts";
