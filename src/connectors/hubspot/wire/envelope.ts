import { z } from "zod";
import type { WireError } from "../../../domain/wire-error.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { malformed } from "./parse.ts";

/**
 * The envelopes HubSpot wraps objects in: a list page or search answer `{ results, paging?, total? }`
 * (https://developers.hubspot.com/docs/api/crm/search), a batch answer `{ status, results, errors? }`
 * (207 when some inputs failed). These return the raw rows; the object parsers read them.
 */
const resultsEnvelope = z.looseObject({
  results: z.array(z.unknown()),
  total: z.number().optional(),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
  errors: z.array(z.looseObject({ message: z.string(), category: z.string().optional() })).optional(),
});

export interface ResultsPage {
  rows: unknown[];
  /** The cursor of the next page, when there is one. */
  after?: string;
  total?: number;
  /** A batch answer's per-input failures (HTTP 207). */
  errors: Array<{ message: string; category?: string }>;
}

export function resultsOf(body: unknown, entity = "results"): Result<ResultsPage, WireError> {
  const parsed = resultsEnvelope.safeParse(body);
  if (!parsed.success) return err(malformed(entity, body, parsed.error));
  const { results, paging, total, errors } = parsed.data;
  return ok({
    rows: results,
    ...(paging?.next ? { after: paging.next.after } : {}),
    ...(total === undefined ? {} : { total }),
    errors: errors ?? [],
  });
}
