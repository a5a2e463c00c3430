import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { associatedIds, getObject } from "../../connectors/hubspot/crm.ts";
import {
  COMPANY_PROPERTIES,
  CONTACT_PROPERTIES,
  parseCompany,
  parseContact,
} from "../../connectors/hubspot/wire/index.ts";
import { activeCustomers, activeItems, activeTerms } from "../../connectors/qbo/lists.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import { matchCustomer } from "../record-sync/index.ts";
import type { DraftLine } from "../invoices/index.ts";
import { partyFromCompany, partyFromContact, wantedDisplayName, type Party } from "../invoices/index.ts";
import { lineItemsWithItems } from "../invoices/index.ts";
import { draftLinesFrom } from "../invoices/index.ts";
import { contactFilterFailure } from "../record-sync/index.ts";
import { filterProperties } from "../record-sync/index.ts";
import type { SyncSettings } from "../settings/index.ts";
import type { ActionFailure, ActionInputs } from "./inputs.ts";

/** What the invoice is made of, once every check has passed. */
export interface InvoicePlan {
  party: Party;
  customer:
    | { kind: "existing"; id: string; displayName: string; email?: string }
    | { kind: "new"; displayName: string };
  lines: DraftLine[];
  termId?: string;
}

/** A vendor failure: retryable ones are thrown (the job retries), others fail the action. */
export class Refusal extends Error {
  constructor(readonly failure: ActionFailure) {
    super(`${failure.code}: ${failure.detail}`);
  }
}
export function need<T>(vendor: "hubspot" | "qbo", res: Result<T, VendorError>): T {
  if (res.ok) return res.value;
  if (res.error.retryable) throw new Error(`${vendor}: ${res.error.message}`);
  throw new Refusal({ code: vendor === "qbo" ? "qbo_refused" : "hubspot_failed", detail: res.error.message });
}
const refuse = (code: ActionFailure["code"], detail = "") => err<ActionFailure>({ code, detail });

/**
 * Reads the deal's line items and customer party from HubSpot and QBO's items, terms and
 * customers, and decides the invoice (W2): lines mapped as the wizard maps them (I4), a tax code
 * per line outside the US (I5), the party matched as the wizard matches it (I3), and in
 * sync-filter mode a contact that fails the contact sync filters refused (C5).
 */
export async function planInvoice(
  io: { hs: HttpClient; qbo: HttpClient; dealId: string; country: string },
  settings: SyncSettings,
  inputs: ActionInputs,
): Promise<Result<InvoicePlan, ActionFailure>> {
  const ids = async (type: string) => need("hubspot", await associatedIds(io.hs, "deals", io.dealId, type));
  const hsLines = need("hubspot", await lineItemsWithItems(io.hs, await ids("line_items")));
  if (hsLines.length === 0) return refuse("no_lines", io.dealId);
  const party = await partyFor(io.hs, settings, await ids("contacts"), await ids("companies"));
  if (!party.ok) return party;

  const lines = draftLinesFrom(hsLines, need("qbo", await activeItems(io.qbo)));
  const unmapped = lines.find((l) => !l.itemId);
  if (unmapped) return refuse("unmapped_line", unmapped.hubspotName ?? unmapped.hubspotSku ?? unmapped.key);
  // A US company computes its own sales tax (I5); elsewhere each line needs the item's code.
  const untaxed = io.country !== "US" ? lines.find((l) => !l.taxCodeId) : undefined;
  if (untaxed) return refuse("no_tax_code", untaxed.itemName ?? "");
  if (io.country === "US") for (const l of lines) delete l.taxCodeId;

  let termId: string | undefined;
  if (inputs.terms) {
    const wanted = inputs.terms.toLowerCase();
    const term = need("qbo", await activeTerms(io.qbo)).find((t) => t.name.toLowerCase() === wanted);
    if (!term) return refuse("unknown_terms", inputs.terms);
    termId = term.id;
  }

  const customers = need("qbo", await activeCustomers(io.qbo));
  const match = matchCustomer(party.value, customers);
  if (match.kind === "ambiguous")
    return refuse("ambiguous_customer", match.candidates.map((c) => c.displayName).join(", "));
  const customer: InvoicePlan["customer"] =
    match.kind === "matched"
      ? { kind: "existing", ...match.customer }
      : { kind: "new", displayName: wantedDisplayName(party.value) || party.value.label };
  const email = customer.kind === "existing" ? customer.email : party.value.email;
  if (inputs.send && !email) return refuse("no_email", party.value.label);
  return ok({ party: party.value, customer, lines, termId });
}

/**
 * The deal's first contact, or first company when contacts sync as companies (either falls back
 * to the other, as the wizard does). Sync-filter mode checks a contact against C5; companies have
 * no such filters.
 */
async function partyFor(
  hs: HttpClient,
  settings: SyncSettings,
  contacts: string[],
  companies: string[],
): Promise<Result<Party, ActionFailure>> {
  const order =
    settings.contacts.customerAs === "company" ? ["companies", "contacts"] : ["contacts", "companies"];
  for (const type of order) {
    const id = (type === "contacts" ? contacts : companies)[0];
    if (!id) continue;
    if (type === "companies") {
      const co = need("hubspot", await getObject(hs, "companies", id, [...COMPANY_PROPERTIES]));
      return ok(partyFromCompany(need("hubspot", parseCompany(co))));
    }
    const props = [...new Set([...CONTACT_PROPERTIES, ...filterProperties(settings.contacts.filters)])];
    const record = need("hubspot", await getObject(hs, "contacts", id, props));
    const party = partyFromContact(need("hubspot", parseContact(record)));
    // The filters read the properties the user chose (C5), so they get the record as HubSpot sent it.
    if (settings.behaviour === "sync_filter") {
      const reason = need("hubspot", await contactFilterFailure(hs, settings, record));
      if (reason) return refuse("sync_filter", `${party.label}: ${reason}`);
    }
    return ok(party);
  }
  return refuse("no_customer");
}
