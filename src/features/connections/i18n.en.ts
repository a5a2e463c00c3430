/** English strings of sign-in and the Connections page; Japanese in i18n.ja.ts. */
export const connectionsEn = {
  "signin.title": "Sign in",
  "signin.first": "Sign in first.",
  "signin.body":
    "Ledgerlink works inside your HubSpot account. Sign in with HubSpot to connect it and see your portal's data.",
  "signin.button": "Sign in with HubSpot",
  "signin.notConfigured":
    "No HubSpot app is configured (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID). Run ledgerlink doctor for details.",
  "signin.signedInAs": "Signed in as {email} (portal {portal})",
  "signin.signout": "Sign out",
  "oauth.failed.title": "Connection failed",
  "oauth.failed.state": "This sign-in link has expired or was already used. Start again.",
  "oauth.failed.denied": "Access was not granted ({reason}). Nothing was changed.",
  "oauth.failed.vendor": "{vendor} refused the connection: {reason}. Nothing was changed.",
  "oauth.failed.missing": "The answer from {vendor} was incomplete (no {field}). Nothing was changed.",
  "oauth.failed.otherPortal":
    "This QuickBooks connection was started for another HubSpot portal. Sign in to that portal and start again.",
  "access.portalRefused.title": "This Ledgerlink does not serve this HubSpot account",
  "access.portalRefused.body":
    "HubSpot account {portal} is not one this Ledgerlink instance serves, so nothing was stored for it. Ask whoever runs Ledgerlink to add it to HUBSPOT_ALLOWED_PORTALS, or install your own Ledgerlink.",
  "access.changes.title": "Change refused",
  "access.changes.notAdmin":
    "Only a HubSpot super admin can change this. You can look, but the change controls are turned off.",
  "access.changes.noScope":
    "Ledgerlink may not yet ask HubSpot who is a super admin (the settings.users.read permission is missing), so changes are refused. A super admin should sign in with HubSpot again to grant it.",
  "access.changes.unreachable":
    "HubSpot could not be reached to check that you are a super admin, so changes are refused for now. Try again in a minute.",
  "oauth.again": "Start again",
  "connections.title": "Connections",
  "connections.hubspot": "HubSpot",
  "connections.hubspot.portal": "Portal {portal}, company currency {currency}, time zone {tz}",
  "connections.qbo": "QuickBooks Online companies",
  "connections.qbo.none": "No QuickBooks company is connected yet.",
  "connections.qbo.connect": "Connect a QuickBooks company",
  "connections.qbo.notConfigured":
    "No Intuit app is configured (INTUIT_CLIENT_ID, INTUIT_CLIENT_SECRET). Run ledgerlink doctor for details.",
  "connections.qbo.row": "{name} · company ID {realm} · {country} · {currency}",
  "connections.qbo.multiCurrency": "Multicurrency on",
  "connections.qbo.customNumbers":
    "Custom transaction numbers are on: invoice creation will be refused until it is turned off in QuickBooks.",
  "connections.qbo.disconnect": "Disconnect",
  "connections.status.active": "Connected",
  "connections.status.needs_reconnect": "Needs reconnecting",
  "connections.reconnect": "Reconnect",
  "connections.waiting": "Jobs waiting for the reconnect: {count}",
  "connections.banner.reconnect":
    "{name} needs reconnecting: Ledgerlink can no longer reach it and has stopped syncing it.",
  "connections.disconnected": "{name} was disconnected and its tokens deleted.",
  "connections.notFound": "No such connection in your portal.",
  "intuit.disconnected.title": "QuickBooks disconnected",
  "intuit.disconnected.body":
    "Ledgerlink no longer has access to this QuickBooks company and has stopped syncing it. Invoices already linked in HubSpot stay as they are.",
  "intuit.disconnected.marked": "It is marked “Needs reconnecting” on the Connections page.",
  "intuit.disconnected.unknown":
    "If it was connected to Ledgerlink, it will show “Needs reconnecting” on the Connections page as soon as Ledgerlink next calls QuickBooks.",
  "intuit.disconnected.reconnect": "Go to Connections to reconnect",
  "connections.qbo.disconnect.question":
    "Disconnect {name}? Ledgerlink deletes its tokens and stops syncing it; invoices already synced stay in HubSpot. You can connect it again later.",
  "connections.qbo.disconnect.confirm": "Yes, disconnect {name}",
  "connections.qbo.unconfirmed":
    "Nothing was disconnected: confirm the disconnection in its box on the Connections page.",
  "connections.back": "Back to Connections",
} as const;
