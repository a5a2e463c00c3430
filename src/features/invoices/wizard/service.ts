import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { fetchCompanySettings } from "../../../connectors/qbo/company.ts";
import {
  activeCustomers,
  activeItems,
  activeTaxCodes,
  activeTerms,
  displayNamesLike,
  searchCustomers,
  searchItems,
  type QboCustomer,
  type QboItem,
  type QboTaxCode,
  type QboTerm,
} from "../../../connectors/qbo/lists.ts";
import type { Database } from "../../../db/kysely.ts";
import type { Clock } from "../../../lib/clock.ts";
import type { SecretBox } from "../../../lib/crypto.ts";
import { dateInTimeZone } from "../../../lib/dates.ts";
import type { Result } from "../../../lib/result.ts";
import type { EmbedClaims } from "../../../lib/signed-token.ts";
import type { Enqueuer } from "../../../queue/catalogue.ts";
import { findPortal, listQboConnections, updateCompanyFacts } from "../../connections/index.ts";
import type { VendorClients } from "../../connections/index.ts";
import { matchCustomer } from "../../record-sync/index.ts";
import { previewUrl } from "../card/service.ts";
import { pushInvoice } from "../jobs.ts";
import {
  closeDraft,
  findDraft,
  findInvoice,
  inTransaction,
  openDraft,
  saveDraft,
  submitDraft,
  type DraftOwner,
  type DraftRow,
} from "../repo/index.ts";
import { draftData, type DraftData, type DraftLine } from "./draft.ts";
import { dealContext, dealName, partyOf, quoteDetails } from "./hubspot.ts";
import { draftLinesFrom, quoteState, type QuoteState } from "./rules.ts";

/** The QBO lists the wizard's pages show, as the service hands them out. */
export type { QboCustomer, QboItem, QboTaxCode, QboTerm };

/** What the wizard's operations need of the app's dependencies (the app passes its own). */
export interface WizardDeps {
  database: { db: Database };
  clock: Clock;
  secrets: SecretBox;
  clients?: VendorClients;
  queue?: Enqueuer;
}

export type Company = Awaited<ReturnType<typeof listQboConnections>>[number];

/** One request's wizard: the draft, the portal's companies, the chosen one, the vendor clients. */
export interface WizardState {
  deps: WizardDeps;
  draft: DraftRow;
  data: DraftData;
  companies: Company[];
  /** The chosen company while it is active (a company needing reconnection is never "chosen"). */
  conn?: Company;
  /** The HubSpot account's company currency: an invoice in another is not copied to the deal (S4). */
  portalCurrency: string;
  hs: HttpClient;
  qbo?: HttpClient;
  /** Today in the company's time zone (the invoice date's default). */
  today: string;
}

/** A vendor read failed: the step cannot be shown; the draft stays as it is. */
export class VendorFailed extends Error {
  constructor(
    readonly vendor: "HubSpot" | "QuickBooks",
    readonly error: VendorError,
  ) {
    super(`${vendor}: ${error.message}`);
  }
}

async function need<T>(vendor: "HubSpot" | "QuickBooks", r: Promise<Result<T, VendorError>>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new VendorFailed(vendor, res.error);
  return res.value;
}

/**
 * The wizard for this deal and HubSpot user, or undefined (404) when `named` is a draft that is
 * not theirs. Without a draft named, the user's open draft for the deal, created on first use:
 * one per deal and user, resumed on every reopening.
 */
export async function openWizard(
  deps: WizardDeps,
  owner: DraftOwner,
  named: string | undefined,
): Promise<WizardState | undefined> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const portal = await findPortal(db, owner.portalId);
  if (!portal) return undefined;
  const draft =
    named === undefined ? await openDraft(db, owner, now) : await findDraft(db, owner.portalId, named);
  if (!draft || draft.dealId !== owner.dealId || draft.hubspotUserId !== owner.hubspotUserId)
    return undefined;
  const data = draftData.parse(draft.data);
  const companies = await listQboConnections(db, owner.portalId);
  const active = companies.filter((x) => x.status === "active");
  // With one company there is nothing to pick (I1): it is the company.
  if (!data.connectionId && active.length === 1) data.connectionId = active[0]!.connectionId;
  const conn = active.find((x) => x.connectionId === data.connectionId);
  const hs = deps.clients!.hubspot(portal);
  // Until a step saves it, the deal's name is read here, so even the first step names the deal;
  // a failed read only leaves the id in its place (the steps that need HubSpot say why they fail).
  if (!data.dealName) {
    const name = await dealName(hs, owner.dealId);
    if (name.ok) data.dealName = name.value;
  }
  return {
    deps,
    draft,
    data,
    companies,
    conn,
    portalCurrency: portal.companyCurrency,
    hs,
    qbo: conn ? deps.clients!.qbo(conn) : undefined,
    today: dateInTimeZone(conn?.timeZone ?? "UTC", now),
  };
}

/* The chosen company's QBO lists (I3–I6). Each throws VendorFailed when QuickBooks fails. */

export const qboCustomers = (s: WizardState) => need("QuickBooks", activeCustomers(s.qbo!));
export const findQboCustomers = (s: WizardState, text: string) =>
  need("QuickBooks", searchCustomers(s.qbo!, text));
/** Every DisplayName starting with `prefix`, inactive customers included (QBO's 6240 counts them). */
export const takenDisplayNames = (s: WizardState, prefix: string) =>
  need("QuickBooks", displayNamesLike(s.qbo!, prefix));
export const qboItems = (s: WizardState) => need("QuickBooks", activeItems(s.qbo!));
export const findQboItems = (s: WizardState, text: string) => need("QuickBooks", searchItems(s.qbo!, text));
export const qboTaxCodes = (s: WizardState) => need("QuickBooks", activeTaxCodes(s.qbo!));
export const qboTerms = (s: WizardState) => need("QuickBooks", activeTerms(s.qbo!));

/**
 * I9, asked of QuickBooks itself (the daily refresh may be hours old): the company's settings,
 * stored as its facts on the way; `customTxnNumbers` on means no invoice can be created.
 */
export async function refreshCompanySettings(s: WizardState): Promise<{ customTxnNumbers: boolean }> {
  const conn = s.conn!;
  const settings = await need("QuickBooks", fetchCompanySettings(s.qbo!, conn.realmId));
  await updateCompanyFacts(s.deps.database.db, conn.connectionId, settings, s.deps.clock.now());
  return settings;
}

/** A quote of the deal as the source step lists it (I2). */
export interface QuoteChoice {
  id: string;
  title: string;
  /** The quote's total in its own currency; the page formats it in the page's locale. */
  amount: number;
  currency: string;
  state: QuoteState;
}

/** The deal's name and its quotes, each with whether it can be used today (I2). */
export async function sourceChoices(s: WizardState): Promise<{ dealName: string; quotes: QuoteChoice[] }> {
  const deal = await need("HubSpot", dealContext(s.hs, s.draft.dealId));
  const quotes = deal.quotes.map((q) => ({
    id: q.id,
    title: q.title ?? q.id,
    amount: q.amount ?? 0,
    // HubSpot leaves a quote in the account's currency without a code.
    currency: q.currency ?? s.portalCurrency,
    state: quoteState(q, s.today),
  }));
  return { dealName: deal.dealName, quotes };
}

/**
 * The draft after choosing a source ("scratch" or "quote:<id>"): the source decides the lines (the
 * quote's, mapped to QBO items: I4) and who the customer is (the quote's contact or company, else
 * the deal's: I3), matched to a QBO customer here once. Choosing the same source again keeps
 * everything the later steps changed. Undefined when the source cannot be used.
 */
export async function chooseSource(s: WizardState, value: string): Promise<DraftData | undefined> {
  const deal = await need("HubSpot", dealContext(s.hs, s.draft.dealId));
  let source: NonNullable<DraftData["source"]>;
  if (value === "scratch") source = { kind: "scratch" };
  else {
    const quote = deal.quotes.find((q) => `quote:${q.id}` === value);
    // Checked again here, not trusted from the page: the quote may have expired since (I2).
    if (!quote || !quoteState(quote, s.today).usable) return undefined;
    source = { kind: "quote", quoteId: quote.id, title: quote.title };
  }
  const before = s.data.source;
  const same =
    before?.kind === source.kind &&
    (source.kind === "scratch" || (before as typeof source).quoteId === source.quoteId);
  // The same quote again keeps the later steps' changes; its title is refreshed for the review.
  if (same) return { ...s.data, source, dealName: deal.dealName };
  let lines: DraftLine[] = [];
  let ids = { contacts: deal.contacts, companies: deal.companies };
  if (source.kind === "quote") {
    const details = await need("HubSpot", quoteDetails(s.hs, source.quoteId));
    lines = draftLinesFrom(details.lines, await qboItems(s));
    if (details.contacts.length || details.companies.length) ids = details;
  }
  const party = await need("HubSpot", partyOf(s.hs, ids));
  const customers = await qboCustomers(s);
  const match = party ? matchCustomer(party, customers) : undefined;
  const matched = match?.kind === "matched" ? customers.find((x) => x.id === match.customer.id) : undefined;
  return {
    ...s.data,
    dealName: deal.dealName,
    source,
    lines,
    party,
    customer: matched
      ? { kind: "existing", id: matched.id, displayName: matched.displayName, currency: matched.currency }
      : undefined,
  };
}

/** Saves the draft's data and step; false once the draft is submitted (it cannot change any more). */
export function saveStep(s: WizardState, data: DraftData, step: string): Promise<boolean> {
  return saveDraft(s.deps.database.db, s.draft.draftId, data, step, s.deps.clock.now());
}

/**
 * "Create invoice": the draft is frozen (editing → submitting) and `push-invoice` queued in one
 * transaction, so a double click or a resent form finds it submitted and queues nothing (I10).
 */
export async function submitForCreation(s: WizardState, requestId: string): Promise<void> {
  const { deps, draft } = s;
  await inTransaction(deps.database.db, async (trx) => {
    if (await submitDraft(trx, draft.draftId, deps.clock.now()))
      await deps.queue!.enqueue(trx, pushInvoice, { draftId: draft.draftId }, { requestId });
  });
}

/**
 * The invoice a created draft made, with its company's name (the last page, I8), and a link to its
 * preview with its own token, bound to this invoice (ADR 11), made from the page's `claims`.
 */
export async function createdInvoice(s: WizardState, claims: Omit<EmbedClaims, "invoiceKey">) {
  const { draft, deps } = s;
  const invoice = draft.invoiceKey
    ? await findInvoice(deps.database.db, draft.portalId, draft.invoiceKey)
    : undefined;
  const preview = invoice && previewUrl(deps.secrets, claims, invoice.invoiceKey, deps.clock.now());
  return { invoice, previewUrl: preview };
}

/** "Create another invoice": the created draft is closed (kept as the record); a new one starts. */
export async function closeCreatedDraft(s: WizardState): Promise<void> {
  await closeDraft(s.deps.database.db, s.draft.draftId, s.deps.clock.now());
}
