/**
 * The health feature (ADR 0028): incidents for a connection that needs reconnecting or a sync that
 * keeps failing, shown on every page and on the card, notified once through the automation channels.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { checkHealthJob, notifyIncident } from "./definitions.ts";
export { healthJobs } from "./jobs.ts";
export { openIncidentCounts } from "./repo.ts";
export { checkHealth, DEFAULT_FAILURE_THRESHOLD, healthNotices } from "./service.ts";
