import type { Entity, EntityName } from "./entities.ts";
import { create, remove, update, voidTxn } from "./operations.ts";
import { faults, type RuleContext } from "./rules/common.ts";

/**
 * One write as the REST path and batch items both express it: `operation` create (the default),
 * update, delete or void; a payment is voided by an update with `include=void` (docs/vendors/quickbooks.md
 * §4.5).
 */
export function write(
  ctx: RuleContext,
  entity: EntityName,
  operation: string | undefined,
  body: Entity,
): Entity {
  switch ((operation ?? "create").toLowerCase()) {
    case "create":
      return create(ctx, entity, body);
    case "update":
      return entity === "Payment" && ctx.include.has("void")
        ? voidTxn(ctx, entity, body)
        : update(ctx, entity, body);
    case "delete":
      return remove(ctx, entity, body);
    case "void":
      return voidTxn(ctx, entity, body);
    default:
      throw faults.unsupported(`Operation ${operation} is not supported`);
  }
}
