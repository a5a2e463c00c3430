/**
 * The connections feature: HubSpot sign-in, QBO companies, tokens and the vendor clients every other
 * feature calls the vendors with.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { authRoutes, portalRefusedPage } from "./auth-routes.tsx";
export {
  hubspotChangeRights,
  portalAdmission,
  portalAdmitted,
  portalRefusal,
  type ChangeRight,
  type ChangeRights,
} from "./access.ts";
export { ownConnection, type ConnectionRequest } from "./service.ts";
export { connectedAccounts } from "./accounts.ts";
export { INVOICE_STATUS_OPTIONS } from "./portal-properties.ts";
export { activePortalIds, findPortal } from "./repo/portals.ts";
export {
  activeQboConnections,
  activeQboConnectionsOfPortal,
  activeQboConnectionsInRealms,
  connectionCounts,
  findQboConnection,
  findQboConnectionById,
  listQboConnections,
  updateCompanyFacts,
} from "./repo/qbo-connections.ts";
export { findSession, setUserLocale, type SessionUser } from "./repo/sessions.ts";
export { connectionRoutes } from "./routes.tsx";
export { createVendorClients, type VendorClients } from "./vendor-clients.ts";
export type { VendorApps } from "./vendors.ts";
export { connectionJobs, setupHubSpotPortal } from "./jobs.ts";
export { portalTokenStore, qboTokenStore } from "./repo/sealed.ts";
export {
  reconnectOf,
  requirePortalSetUp,
  resumeParkedJobs,
  runGated,
  setupOf,
  WaitingFor,
  type ResumingQueue,
} from "./waiting.ts";
export { NEEDS_RECONNECT } from "./tokens.ts";
