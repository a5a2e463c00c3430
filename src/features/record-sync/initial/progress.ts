/** What an initial sync has done so far, stored with its row after every page (C4). */
export interface Counts {
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  review: number;
  skipped: number;
  failed: number;
}

export interface Progress {
  phase: "to_hubspot" | "to_qbo" | "done";
  /** QBO query position (1-based) of the next page to read. */
  qboStart: number;
  /** HubSpot list cursor of the next page (absent: from the start). */
  hubspotAfter?: string;
  /** Records of the page at the cursor already written and saved (a checkpoint mid-page; ADR 0032). */
  skip?: number;
  /** Records of the current phase's source side, when known, and how many were seen. */
  total?: number;
  seen: number;
  counts: Counts;
  /** Seconds still needed at the vendors' rate limits, planned from what remains. */
  etaSeconds?: number;
  /** A few examples per action, for the preview and the progress page. */
  examples: Partial<Record<keyof Counts, string[]>>;
  /** Set when the run gave up: no batch saved for this long, and the failure it kept meeting. */
  stalled?: { seconds: number; error: string };
  /**
   * The phases already finished, each with its own counts, so a finished two-way run shows one
   * table per direction like its preview (rows written before this field carry their sums).
   */
  finished?: PhaseResult[];
}

/** One direction's outcome: what was read and what happened to it. */
export interface PhaseResult {
  phase: "to_hubspot" | "to_qbo";
  seen: number;
  counts: Counts;
  examples: Partial<Record<keyof Counts, string[]>>;
}

/** The current phase's figures as a finished phase's result. */
export const resultOf = (progress: Progress, phase: PhaseResult["phase"]): PhaseResult => ({
  phase,
  seen: progress.seen,
  counts: progress.counts,
  examples: progress.examples,
});

/**
 * Each direction's figures, in run order: the finished phases, then the one under way. A row
 * from before per-phase results has only its sums: it shows as one table under its last phase.
 */
export function phaseResults(progress: Progress): PhaseResult[] {
  const finished = progress.finished ?? [];
  if (progress.phase === "done") return finished.length ? finished : [resultOf(progress, "to_hubspot")];
  return [...finished, resultOf(progress, progress.phase)];
}

export const emptyCounts = (): Counts => ({
  created: 0,
  updated: 0,
  linked: 0,
  unchanged: 0,
  review: 0,
  skipped: 0,
  failed: 0,
});

export const startProgress = (phase: Progress["phase"]): Progress => ({
  phase,
  qboStart: 1,
  seen: 0,
  counts: emptyCounts(),
  examples: {},
});

export function note(progress: Progress, what: keyof Counts, example: string): void {
  progress.counts[what]++;
  const list = (progress.examples[what] ??= []);
  if (list.length < 5) list.push(example);
}

/**
 * The rate limits bound an initial sync (docs/adr/0018-initial-sync-planned-against-the-rate-limits.md,
 * 0032; docs/vendors/hubspot.md §8, docs/vendors/quickbooks.md §10): HubSpot takes 110 calls per
 * 10 s (100 records a batch); QBO 10 requests per second and 500 a minute per company (1,000 rows a
 * read), of which 40 a minute may be batches of 30. Reading and writing overlap, so the slower side
 * sets the time.
 */
export const LIMITS = {
  hubspotPerSecond: 11,
  qboPerSecond: 10,
  qboPerMinute: 500,
  qboBatchPerSecond: 40 / 60,
} as const;

export function etaSeconds(remaining: {
  qboReads: number;
  hubspotCalls: number;
  qboBatches: number;
  /** QBO single creates, which share the 500 a minute with reads and batches. */
  qboSingles?: number;
}): number {
  const qboRequests = remaining.qboReads + remaining.qboBatches + (remaining.qboSingles ?? 0);
  return Math.max(
    remaining.qboReads / LIMITS.qboPerSecond,
    qboRequests / (LIMITS.qboPerMinute / 60),
    remaining.hubspotCalls / LIMITS.hubspotPerSecond,
    remaining.qboBatches / LIMITS.qboBatchPerSecond,
  );
}
