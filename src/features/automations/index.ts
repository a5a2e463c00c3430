export type { AutomationDeps } from "./actions.ts";
export { deliverAutomationHandler } from "./deliver.ts";
export { fireAutomations } from "./fire.ts";
export { automationsEn } from "./i18n.en.ts";
export { automationsJa } from "./i18n.ja.ts";
export { deliverAutomation } from "./jobs.ts";
export { automationRoutes } from "./routes.tsx";
