export type { AutomationDeps } from "./actions.ts";
export { fireAutomations } from "./fire.ts";
export { automationRoutes } from "./routes.tsx";
export { automationJobs, deliverAutomation } from "./jobs.ts";
