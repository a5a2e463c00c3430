import type { VendorError } from "../../../connectors/http-client.ts";
import type { Result } from "../../../lib/result.ts";
import type { Values } from "../../settings/index.ts";
import type { Candidate, Identity, KeyIndex, MatchKey } from "../identity/index.ts";
import type { RecordKind } from "../kinds.ts";
import type { Pair } from "../pairs.ts";
import type { Progress } from "../initial/progress.ts";
import type { RequestMix } from "./plan.ts";
import type { RecordLink } from "../repo/record-links.ts";

export type Vendor = "qbo" | "hubspot";

/** The words the ledger uses for one side's records. */
export interface Words {
  name: "HubSpot" | "QuickBooks";
  /** "HubSpot contact 12", "QuickBooks Customer 5". */
  noun(id: string): string;
  /** What happened to a record that left the sync: "archived", "made inactive". */
  gone: string;
  /** The same as an action: "archive", "make inactive". */
  goneAction: string;
}

/** A new record for this side, built from the other side's record. */
export interface CreateInput {
  sourceId: string;
  identity: Identity;
  /** The source record's name, a fallback for the new record's own. */
  label: string;
  /** Mapped values by this side's field name, only non-empty ones (a create has nothing to clear). */
  values: Record<string, string>;
  pairs: Pair[];
}

export interface Created {
  id: string;
  /** What the link remembers as written into this side. */
  written: Record<string, string>;
  /** A detail for the ledger ("Acme Ltd (2)"). */
  note?: string;
}

/**
 * One vendor's records of one kind (QBO customers or items; HubSpot contacts, companies or
 * products), everything the engine needs from them: their identity and mapped values, and how to
 * read, find, create, update and archive them. Only side adapters know vendor field names (the
 * mapping pairs name fields too: ends.ts says which end of a pair is which side's).
 */
export interface Side<R> {
  vendor: Vendor;
  kind: RecordKind;
  words: Words;
  /** The ledger's object type for this side's records. */
  ledgerType: string;

  idOf(record: R): string;
  /** The record's own name, for examples and the review list. */
  labelOf(record: R): string;
  /** The record as the ledger names it. */
  subjectOf(record: R): string;
  identityOf(record: R): Identity;
  valuesOf(record: R, fields: string[]): Values;
  candidateOf(record: R): Candidate;
  /** Why the record cannot be read as our domain type (a malformed vendor answer), if it cannot. */
  problem(record: R): VendorError | undefined;

  /** Reads one record with these mapped fields (and its identity); "gone" when deleted for good. */
  read(id: string, fields: string[]): Promise<Result<R | "gone", VendorError>>;
  /** Why a record of this side may not enter the sync (the contact filters, C5), if it may not. */
  refusal?(record: R): Promise<Result<string | undefined, VendorError>>;
  /** The records one key finds; undefined when this side cannot search by that key. */
  find(key: MatchKey): Promise<Result<R[], VendorError>> | undefined;
  create(input: CreateInput): Promise<Result<Created | undefined, VendorError>>;
  /** Work a new record needs once linked (a company's primary contact); its note for the ledger. */
  afterCreate?(id: string, source: Identity): Promise<Result<string | undefined, VendorError>>;
  /** Writes changed fields (null clears) into the record read as `current`. */
  update(
    link: RecordLink,
    current: R,
    changes: Record<string, string | null>,
    pairs: Pair[],
  ): Promise<Result<void, VendorError>>;
  /** Takes the linked record out of use; returns what the link should remember as written. */
  archive(link: RecordLink): Promise<Result<Record<string, string>, VendorError>>;

  /** The initial sync's reading of this side as the source, page by page. */
  pager(progress: Progress, fields: string[]): Pager<R>;
  /**
   * The initial sync's view of this side as the target: every record read once (or, where the
   * side keeps its index, the copy a resumed run `restored`), and batch writes.
   */
  openTarget(
    fields: string[],
    options: { dryRun: boolean; syncId: string; restored?: KeyIndex<Indexed<R>> },
  ): Promise<Result<Target<R>, VendorError>>;
  /**
   * True where reading the target index costs a call per 100 records (HubSpot's list): a run
   * saves the index it read and a resume starts from that copy (ADR 0047). QBO answers 1,000
   * records a call and rebuilds the names it reserves from them, so it reads again.
   */
  keepsIndex?: true;
}

/** Where a page starts or ends, as progress fields (QBO's position, HubSpot's cursor). */
export type Cursor = Pick<Progress, "qboStart" | "hubspotAfter">;

export interface Page<R> {
  records: R[];
  at: Partial<Cursor>;
  next: Partial<Cursor>;
  last: boolean;
}

export interface Pager<R> {
  /** How many records the source holds, when it can count them cheaply. */
  total?: Promise<Result<number, VendorError>>;
  next(): Promise<Result<Page<R>, VendorError>>;
  /** Calls still needed for this many remaining source records, for the ETA. */
  readCalls(remaining: number): { qboReads: number; hubspotCalls: number };
}

/** The index id of a record this run is creating (it has no id of its own yet). */
export const pendingId = (sourceId: string): string => `pending:${sourceId}`;
export const isPendingId = (id: string): boolean => id.startsWith("pending:");

/** A record this run is creating: later records must see it, though it has no id yet. */
export interface Pending {
  pending: true;
  label: string;
  email?: string;
}

export type Indexed<R> = R | Pending;

export const isPending = <R>(r: Indexed<R>): r is Pending =>
  typeof r === "object" && r !== null && (r as Pending).pending === true;

export interface Target<R> {
  index: KeyIndex<Indexed<R>>;
  /** The exact key a record created from this source record carries, when the side keeps one. */
  exactKeyFor?(sourceId: string): MatchKey;
  /** Reserves what a create needs now (a unique name), so later records of the run see it. */
  prepare(input: CreateInput): Prepared;
  createBatch(batch: Prepared[]): Promise<Result<Array<CreateOutcome>, VendorError>>;
  /** One create on its own request, where the vendor's limits allow singles besides batches. */
  createOne?(prepared: Prepared): Promise<Result<CreateOutcome, VendorError>>;
  /** How a chunk's creates are split between batches and singles (with `createOne`; ADR 0032). */
  mix?: RequestMix;
  /** Batch updates of linked records; absent when this side's fields follow their next change. */
  updateBatch?(
    batch: Array<{ id: string; changes: Record<string, string> }>,
  ): Promise<Result<void, VendorError>>;
  /**
   * Records a create call takes, and calls kept in flight at once (chunks of writes when creates
   * are idempotent, requests within a chunk otherwise).
   */
  batchSize: number;
  inFlight: number;
  /**
   * True when a create is an upsert on our own key, so writes may run ahead of the saved
   * checkpoint (a rerun finds them); false when they must wait for it.
   */
  idempotentCreates: boolean;
  /** Calls still needed for this many remaining writes, for the ETA. */
  writeCalls(remaining: number): { hubspotCalls: number; qboBatches: number; qboSingles?: number };
}

export interface Prepared {
  sourceId: string;
  written: Record<string, string>;
  body: Record<string, unknown>;
}

export type CreateOutcome = { id: string } | { refused: string };
