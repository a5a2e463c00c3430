import type { WireError } from "../../domain/wire-error.ts";
import type { AppliedChange } from "../changes/index.ts";

/** A changed record the wire could not read: failed, named by its id when it had a readable one. */
export function unreadable(entity: string, error: WireError): AppliedChange {
  return {
    decision: `${entity}${error.id ? ` ${error.id}` : ""} could not be read`,
    outcome: "failed",
    errorCategory: error.kind,
    errorMessage: error.message,
  };
}
