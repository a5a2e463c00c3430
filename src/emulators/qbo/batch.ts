import { ENTITY_NAMES, type Entity } from "./entities.ts";
import { runCdc, runQuery } from "./query-run.ts";
import { QboFault, faults, validation, type RuleContext } from "./rules/common.ts";
import { send } from "./operations.ts";
import { write } from "./write.ts";

export const BATCH_MAX_ITEMS = 30;

function faultOf(error: unknown): Entity {
  if (!(error instanceof QboFault)) throw error;
  const { code, message, detail, element } = error.error;
  return { type: error.type, Error: [{ Message: message, Detail: detail, code, element: element ?? "" }] };
}

/**
 * `POST /batch` (docs/vendors/quickbooks.md §8): up to 30 items, each answered on its own (the batch is not a
 * transaction). Items without `bId` get one; items without `operation` are creates, as
 * node-quickbooks sends them.
 */
export function runBatch(ctx: RuleContext, body: unknown, withRequestId: boolean): Entity[] {
  const items = (body as { BatchItemRequest?: unknown } | null)?.BatchItemRequest;
  if (!Array.isArray(items))
    throw faults.required("Required parameter BatchItemRequest is missing in the request");
  if (items.length > BATCH_MAX_ITEMS) {
    throw validation(
      "1040",
      "Batch size exceeds allowed limit",
      `Batch size ${items.length} exceeds the limit of ${BATCH_MAX_ITEMS}`,
    );
  }
  const seen = new Set<string>();
  const prepared = (items as Entity[]).map((item, i) => {
    const bId = item.bId === undefined ? `bid${i + 1}` : String(item.bId);
    if (seen.has(bId)) throw faults.invalidProperty(`Duplicate bId ${bId} in the batch`, "bId");
    if (withRequestId && bId.length > 10) throw faults.stringLength("bId", 10);
    seen.add(bId);
    return { bId, item };
  });
  return prepared.map(({ bId, item }) => {
    try {
      if (typeof item.Query === "string") return { bId, QueryResponse: runQuery(ctx, item.Query) };
      if (item.CDCQuery && typeof item.CDCQuery === "object") {
        const q = item.CDCQuery as Entity;
        const entities = Array.isArray(q.Entities)
          ? q.Entities.join(",")
          : (q.Entities as string | undefined);
        return {
          bId,
          CDCResponse: [{ QueryResponse: runCdc(ctx, entities, q.ChangedSince as string | undefined) }],
        };
      }
      const entity = ENTITY_NAMES.find((name) => item[name] && typeof item[name] === "object");
      if (!entity)
        throw faults.invalidProperty("The batch item has no entity, Query or CDCQuery", "BatchItemRequest");
      const payload = item[entity] as Entity;
      const operation = typeof item.operation === "string" ? item.operation : undefined;
      const itemCtx =
        item.optionsData === "void" ? { ...ctx, include: new Set([...ctx.include, "void"]) } : ctx;
      if (operation?.toLowerCase() === "send") {
        return { bId, [entity]: send(itemCtx, entity, String(payload.Id ?? ""), undefined) };
      }
      return { bId, [entity]: write(itemCtx, entity, operation, payload) };
    } catch (error) {
      return { bId, Fault: faultOf(error) };
    }
  });
}
