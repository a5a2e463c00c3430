import type { HubSpotApp } from "../../connectors/hubspot/oauth.ts";
import type { IntuitApp } from "../../connectors/qbo/oauth.ts";

/** The vendor apps Ledgerlink is registered as; absent when not configured (doctor says so). */
export interface VendorApps {
  hubspot?: HubSpotApp;
  intuit?: IntuitApp & { apiBaseUrl: string };
}
