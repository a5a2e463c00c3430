import { entityNamed, NOT_IN_CDC, type Entity, type EntityName } from "./entities.ts";
import { present } from "./operations.ts";
import { executeQuery, QueryValidationError } from "./query-exec.ts";
import { parseQuery, QueryParseError } from "./query-parser.ts";
import { faults, validation, type RuleContext } from "./rules/common.ts";

/** Runs a SELECT and shapes `QueryResponse` as QBO does (docs/vendors/quickbooks.md §5). */
export function runQuery(ctx: RuleContext, text: string): Entity {
  let parsed;
  try {
    parsed = parseQuery(text);
  } catch (error) {
    if (error instanceof QueryParseError) {
      throw validation("4000", "Error parsing query", `QueryParserError: ${error.message}`);
    }
    throw error;
  }
  const entity = entityNamed(parsed.entity);
  if (!entity) {
    throw validation(
      "4001",
      "Invalid query",
      `QueryValidationError: value ${parsed.entity} is not a valid entity`,
    );
  }
  const rows = ctx.company.list(entity).map((e) => present(ctx, entity, e));
  let result;
  try {
    result = executeQuery(parsed, rows);
  } catch (error) {
    if (error instanceof QueryValidationError) {
      throw validation("4001", "Invalid query", `QueryValidationError: ${error.message}`);
    }
    throw error;
  }
  if (parsed.count) return { totalCount: result.totalCount };
  if (result.rows.length === 0) return {};
  return { [entity]: result.rows, startPosition: result.startPosition, maxResults: result.rows.length };
}

const CDC_MAX_OBJECTS = 1000;
const CDC_MAX_DAYS = 30;

/**
 * Change data capture (docs/vendors/quickbooks.md §6): every object of the listed types changed at or after
 * `changedSince`, deleted ones as `status: "Deleted"`, at most 1,000 in all (oldest first), and
 * never further back than 30 days.
 */
export function runCdc(
  ctx: RuleContext,
  entitiesParam: string | undefined,
  changedSinceParam: string | undefined,
): Entity[] {
  if (!entitiesParam)
    throw faults.required("Required parameter entities is missing in the request", "entities");
  if (!changedSinceParam)
    throw faults.required("Required parameter changedSince is missing in the request", "changedSince");
  // node-quickbooks does not URL-encode the offset, so its `+` arrives as a space.
  const changedSince = changedSinceParam.replace(/ (\d{2}:?\d{2})$/, "+$1");
  const since = Date.parse(changedSince);
  if (Number.isNaN(since)) {
    throw faults.invalidProperty(
      `changedSince is not a valid date-time: ${changedSinceParam}`,
      "changedSince",
    );
  }
  if (since < ctx.now.getTime() - CDC_MAX_DAYS * 86_400_000) {
    throw validation(
      "4001",
      "Invalid query",
      `QueryValidationError: changedSince can't be more than ${CDC_MAX_DAYS} days in the past`,
    );
  }
  const names: EntityName[] = [];
  for (const raw of entitiesParam
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const entity = entityNamed(raw);
    if (!entity)
      throw validation("4001", "Invalid query", `QueryValidationError: ${raw} is not a valid entity`);
    if (NOT_IN_CDC.has(entity))
      throw faults.unsupported(`Change data capture is not supported for ${entity}`);
    if (!names.includes(entity)) names.push(entity);
  }
  const changed: Array<{ entity: EntityName; at: number; row: Entity }> = [];
  for (const entity of names) {
    for (const row of ctx.company.table(entity).values()) {
      const at = Date.parse(String((row.MetaData as Entity | undefined)?.LastUpdatedTime ?? ""));
      if (at >= since) changed.push({ entity, at, row: present(ctx, entity, row) });
    }
    for (const t of ctx.company.tombstones) {
      const at = Date.parse(t.at);
      if (t.entity !== entity || at < since) continue;
      const stamp = ctx.company.stamp(new Date(at));
      changed.push({
        entity,
        at,
        row: { domain: "QBO", status: "Deleted", Id: t.id, MetaData: { LastUpdatedTime: stamp } },
      });
    }
  }
  changed.sort((a, b) => a.at - b.at);
  const kept = changed.slice(0, CDC_MAX_OBJECTS);
  return names.map((entity) => {
    const rows = kept.filter((c) => c.entity === entity).map((c) => c.row);
    return rows.length === 0 ? {} : { [entity]: rows, startPosition: 1, maxResults: rows.length };
  });
}
