import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import type { QboEntity } from "./client.ts";
import { MINOR_VERSION } from "./company.ts";

/**
 * QBO's batch limit (docs/vendors/quickbooks.md §8): at most 30 items a call; with a requestid, bIds ≤ 10
 * characters.
 */
export const BATCH_SIZE = 30;

const answer = z.looseObject({
  BatchItemResponse: z.array(
    z.looseObject({
      bId: z.string(),
      Fault: z
        .looseObject({
          Error: z.array(
            z.looseObject({
              Message: z.string().optional(),
              code: z.string().optional(),
              Detail: z.string().optional(),
            }),
          ),
        })
        .optional(),
    }),
  ),
});

export interface BatchOutcome {
  bId: string;
  entity?: QboEntity;
  fault?: { code: string; message: string };
}

/**
 * Creates up to 30 entities in one `POST /batch` (each item succeeds or fails on its own). The
 * `requestid` (≤ 36 characters for batch) makes a retried batch replay QBO's first answer.
 */
export async function batchCreate(
  http: HttpClient,
  entity: string,
  items: Array<{ bId: string; body: Record<string, unknown> }>,
  requestId: string,
): Promise<Result<BatchOutcome[], VendorError>> {
  if (items.length === 0) return ok([]);
  const res = await http.request({
    method: "POST",
    path: "/batch",
    query: { minorversion: MINOR_VERSION, requestid: requestId.slice(0, 36) },
    body: { BatchItemRequest: items.map((i) => ({ bId: i.bId, operation: "create", [entity]: i.body })) },
    schema: answer,
    idempotent: true,
  });
  if (!res.ok) return res;
  return ok(
    res.value.body.BatchItemResponse.map((r) => {
      const error = r.Fault?.Error[0];
      return error
        ? {
            bId: r.bId,
            fault: {
              code: error.code ?? "",
              message: [error.Message, error.Detail].filter(Boolean).join(": "),
            },
          }
        : { bId: r.bId, entity: r[entity] as QboEntity };
    }),
  );
}
