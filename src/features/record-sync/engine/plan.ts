/**
 * How one chunk of creates is split between batch requests and single creates (ADR 0032). QBO
 * lets a company make 500 requests a minute, of which at most 40 may be batches of 30: batches
 * alone move 1,200 records a minute and leave 460 requests unused; 40 batches plus 460 singles
 * move 1,660. The mix is read from the rate buckets we spend (their sustained rates), so a chunk
 * takes as long on the batch bucket as on the request bucket and neither waits for the other.
 */
export interface RequestMix {
  batchSize: number;
  /** Full batches per chunk. */
  batches: number;
  /** Single creates per chunk. */
  singles: number;
}

export type Planned<T> = { batch: T[] } | { single: T };

/** Records a chunk of this mix holds. */
export const chunkSizeOf = (mix: RequestMix): number => mix.batches * mix.batchSize + mix.singles;

/**
 * The mix for the sustained rates (calls per second) of the window every request spends
 * (`requestsPerSecond`) and of the one batch requests spend too (`batchesPerSecond`): `batches`
 * batches per chunk, and as many singles as the request rate leaves over in the time the batch
 * window needs for them.
 */
export function mixFor(
  requestsPerSecond: number,
  batchesPerSecond: number,
  batchSize: number,
  batches = 2,
): RequestMix {
  const seconds = batches / batchesPerSecond;
  const singles = Math.max(0, Math.floor(seconds * requestsPerSecond) - batches);
  return { batchSize, batches, singles };
}

/**
 * Splits a chunk's creates: full batches first (up to the mix's count), the rest one by one. A
 * chunk with fewer creates than a batch still sends a batch when it saves requests (a single
 * would spend the scarcer request budget per record); past the mix, more batches.
 */
export function planCreates<T>(items: T[], mix: RequestMix): Array<Planned<T>> {
  const planned: Array<Planned<T>> = [];
  let at = 0;
  let batches = 0;
  while (items.length - at >= mix.batchSize && batches < mix.batches) {
    planned.push({ batch: items.slice(at, at + mix.batchSize) });
    at += mix.batchSize;
    batches++;
  }
  const rest = items.slice(at);
  if (rest.length > mix.singles) {
    // More than the singles the mix allows (a chunk larger than planned): the surplus in batches.
    const surplus = rest.splice(0, rest.length - mix.singles);
    for (let i = 0; i < surplus.length; i += mix.batchSize)
      planned.push({ batch: surplus.slice(i, i + mix.batchSize) });
  }
  for (const item of rest) planned.push({ single: item });
  return planned;
}

/**
 * The fastest a company's limits allow `records` creates, in seconds, from every window: per
 * minute `perMinute` requests of which `batchPerMinute` batches of `batchSize`, and per second
 * `perSecond` requests; `reads` requests spent on reading first. Steady state, as the vendor's
 * windows roll: the bench's bound for HubSpot → QBO.
 */
export function createsBoundSeconds(
  records: number,
  limits: { perMinute: number; perSecond: number; batchPerMinute: number; batchSize: number },
  reads = 0,
): number {
  const batchRecordsPerMinute = limits.batchPerMinute * limits.batchSize;
  const singlesPerMinute = limits.perMinute - limits.batchPerMinute;
  const perMinute = batchRecordsPerMinute + singlesPerMinute;
  // The per-second window allows perSecond × 60 requests a minute; it binds only below perMinute.
  const requestsPerMinute = Math.min(limits.perMinute, limits.perSecond * 60);
  const scale = requestsPerMinute / limits.perMinute;
  return (records / (perMinute * scale)) * 60 + reads / (requestsPerMinute / 60);
}
