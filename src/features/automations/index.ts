/**
 * The automations feature: invoice events turned into e-mail, Slack or signed-webhook deliveries,
 * fired once per rule, invoice and event. Invoices fire them through `fireAutomations`.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export type { AutomationDeps } from "./actions.ts";
export { fireAutomations } from "./fire.ts";
export { notifyChannels, type Notice, type NoticeOutcome } from "./notify.ts";
export { automationRoutes } from "./routes.tsx";
export { automationJobs, deliverAutomation } from "./jobs.ts";
export { slackUrlStore, webhookSecretStore } from "./repo.ts";
export { slackUrlContext } from "./stored.ts";
