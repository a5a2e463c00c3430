export { createHubSpotEmulator, type HubSpotEmulator, type HubSpotEmulatorOptions } from "./app.ts";
export { startHubSpotEmulator, type RunningHubSpotEmulator, type StartOptions } from "./server.ts";
export { benchHubSpotContacts } from "./bench.ts";
export { DEFAULT_APP } from "./oauth.ts";
export { developerApiKey } from "./core.ts";
export type { HubSpotCore, HubSpotExtension, HsApp, HsChange, HsRecord } from "./contract.ts";
