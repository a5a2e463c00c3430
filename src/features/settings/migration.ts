import { batchRead } from "../../connectors/hubspot/crm.ts";
import { CONTACT_PROPERTIES, parseContact } from "../../connectors/hubspot/wire/index.ts";
import type { VendorError } from "../../connectors/http-client.ts";
import type { Database } from "../../db/kysely.ts";
import { findPortal } from "../connections/index.ts";
import { linksOf } from "../record-sync/index.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import { contactFilterFailureOf, type FilterFailure } from "../record-sync/index.ts";
import { filterProperties } from "../record-sync/index.ts";
import type { VendorClients } from "../connections/index.ts";
import { loadSettings } from "./store.ts";

export interface BehaviourPreview {
  total: number;
  /** The linked contacts the filters would exclude: who (name, e-mail) and which filter. */
  excluded: Array<{ hubspotId: string; label: string; email?: string; failure: FilterFailure }>;
}

/**
 * X1: what switching a company from legacy to sync-filter behaviour changes. Every linked contact
 * is read from HubSpot (100 a call) and put through the contact sync filters; those that fail are
 * the contacts the workflow action would refuse from then on. Reads only; writes nothing.
 */
export async function previewBehaviourSwitch(
  db: Database,
  clients: VendorClients,
  portalId: string,
  connectionId: string,
): Promise<Result<BehaviourPreview, VendorError>> {
  const portal = await findPortal(db, portalId);
  if (!portal) return err({ kind: "not_found", retryable: false, message: "portal not connected" });
  const http = clients.hubspot(portal);
  const settings = await loadSettings(db, connectionId);
  const links = (await linksOf(db, connectionId, "contact")).filter((l) => !l.archived);
  const props = [...new Set([...CONTACT_PROPERTIES, ...filterProperties(settings.contacts.filters)])];
  const excluded: BehaviourPreview["excluded"] = [];
  for (let i = 0; i < links.length; i += 100) {
    const ids = links.slice(i, i + 100).map((l) => l.hubspotId);
    const records = await batchRead(http, "contacts", ids, props);
    if (!records.ok) return records;
    for (const record of records.value) {
      const failure = await contactFilterFailureOf(http, settings, record);
      if (!failure.ok) return failure;
      if (failure.value) {
        const contact = parseContact(record);
        if (!contact.ok) return contact;
        const c = contact.value;
        const label = [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || c.id;
        excluded.push({ hubspotId: c.id, label, email: c.email, failure: failure.value });
      }
    }
  }
  return ok({ total: links.length, excluded });
}
