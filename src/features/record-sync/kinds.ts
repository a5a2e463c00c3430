import type { LinkKind, MappingObject } from "../../db/schema/index.ts";
import { COMPANY_PROPERTY_OF } from "../../connectors/hubspot/company-properties.ts";
import type { SyncSettings } from "../settings/index.ts";

/**
 * What differs between the three record syncs (QBO customer ↔ HubSpot contact, QBO customer ↔
 * HubSpot company, QBO item ↔ HubSpot product), as data: the engine in this folder is one.
 */
export interface RecordKind {
  link: LinkKind;
  mapping: MappingObject;
  hubspotType: "contacts" | "companies" | "products";
  qboEntity: "Customer" | "Item";
  /** Unique HubSpot property holding `realm:id`: creates are upserts on it, so a rerun never duplicates. */
  keyProperty: string;
  /** The readable QBO id property shown on the HubSpot record. */
  idProperty: string;
  settingsOf(settings: SyncSettings): SyncSettings["contacts"] | SyncSettings["products"];
  /**
   * HubSpot property renames for this kind (a company calls the customer's company name `name`).
   * Pairs whose property the kind does not have are dropped.
   */
  hubspotProperty(contactProperty: string): string | undefined;
}

export const CONTACT_KIND: RecordKind = {
  link: "contact",
  mapping: "contact",
  hubspotType: "contacts",
  qboEntity: "Customer",
  keyProperty: "qbo_customer_key",
  idProperty: "qbo_customer_id",
  settingsOf: (s) => s.contacts,
  hubspotProperty: (p) => p,
};

export const COMPANY_KIND: RecordKind = {
  link: "company",
  mapping: "contact",
  hubspotType: "companies",
  qboEntity: "Customer",
  keyProperty: "qbo_customer_key",
  idProperty: "qbo_customer_id",
  settingsOf: (s) => s.contacts,
  hubspotProperty: (p) => COMPANY_PROPERTY_OF[p],
};

export const PRODUCT_KIND: RecordKind = {
  link: "product",
  mapping: "product",
  hubspotType: "products",
  qboEntity: "Item",
  keyProperty: "qbo_item_key",
  idProperty: "qbo_item_id",
  settingsOf: (s) => s.products,
  hubspotProperty: (p) => p,
};

/** The customer kind a company's settings choose (contact, or company with its primary contact). */
export const customerKind = (settings: SyncSettings): RecordKind =>
  settings.contacts.customerAs === "company" ? COMPANY_KIND : CONTACT_KIND;

export const keyOf = (realmId: string, qboId: string) => `${realmId}:${qboId}`;
