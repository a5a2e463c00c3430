import type { VendorError } from "../../../connectors/http-client.ts";
import type { Result } from "../../../lib/result.ts";
import { runInitial } from "../engine/initial.ts";
import { sidesOf } from "../sides/index.ts";
import type { RunContext } from "./context.ts";

/** One phase of a run or a preview: QBO's records to HubSpot, or HubSpot's to QBO. */
export function runPhase(
  ctx: RunContext,
  phase: "to_hubspot" | "to_qbo",
): Promise<Result<"done" | "paused", VendorError>> {
  const sides = sidesOf(ctx.kind, ctx, ctx.connection, ctx.settings);
  return phase === "to_hubspot"
    ? runInitial(ctx, sides.qbo, sides.hubspot)
    : runInitial(ctx, sides.hubspot, sides.qbo);
}
