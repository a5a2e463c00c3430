/**
 * The HubSpot side of Ledgerlink in our own words: what the engine reads from HubSpot CRM
 * objects, camelCase, ids as strings, numbers as numbers (HubSpot sends every property as a
 * string), calendar dates as `YYYY-MM-DD`, timestamps as Date. Built by the mappers in
 * connectors/hubspot/wire/; nothing here knows HubSpot's property names.
 */

interface CrmBase {
  id: string;
  archived: boolean;
  updatedAt?: Date;
}

export interface Contact extends CrmBase {
  email?: string;
  firstName?: string;
  lastName?: string;
  /** The contact's free-text company name (not an association). */
  company?: string;
  phone?: string;
  mobilePhone?: string;
  website?: string;
  lifecycleStage?: string;
}

export interface Company extends CrmBase {
  name?: string;
  domain?: string;
  phone?: string;
}

export interface Product extends CrmBase {
  name?: string;
  sku?: string;
  price?: number;
  description?: string;
  /** Our link to the QBO item (product sync, P1). */
  qboItemId?: string;
}

export interface Deal extends CrmBase {
  name?: string;
  amount?: number;
  currency?: string;
  stageId?: string;
  pipelineId?: string;
  ownerId?: string;
  closeDate?: string;
}

export interface LineItem extends CrmBase {
  name?: string;
  sku?: string;
  productId?: string;
  /** 1 when HubSpot has none. */
  quantity: number;
  /** 0 when HubSpot has none. */
  price: number;
  description?: string;
  /** The quote's own order, when HubSpot keeps one. */
  position?: number;
  /** realm:invoice:line for the lines we mirror from QBO invoices. */
  qboLineKey?: string;
}

export interface Quote extends CrmBase {
  title?: string;
  /** DRAFT when HubSpot has none; APPROVAL_NOT_NEEDED or APPROVED once published. */
  status: string;
  /** The calendar day it expires. */
  expiresOn?: string;
  amount?: number;
  currency?: string;
}

/** HubSpot's own invoice object (0-53), the mirror of a QBO invoice. */
export interface HubSpotInvoice extends CrmBase {
  /** draft | open | paid | voided. */
  status?: string;
  number?: string;
  currency?: string;
  invoiceDate?: string;
  dueDate?: string;
  amountBilled?: number;
  amountPaid?: number;
  balanceDue?: number;
  qboInvoiceKey?: string;
  qboInvoiceId?: string;
}

export interface Owner {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** "First Last", else the e-mail, else the id: what HubSpot shows. */
  displayName: string;
  archived: boolean;
}

export interface Pipeline {
  id: string;
  label: string;
  archived: boolean;
  stages: Array<{ id: string; label: string }>;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  /** Calculated or read-only in HubSpot: it can only be read. */
  readOnly: boolean;
  hidden: boolean;
  options?: Array<{ value: string; label: string }>;
}
