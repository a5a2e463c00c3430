/**
 * The output fields a custom workflow action answers with, or completes its callback with: HubSpot
 * reads `hs_execution_state` (SUCCESS, FAIL_CONTINUE, BLOCK or ASYNC; docs/vendors/hubspot.md §11)
 * and hands the other fields to later workflow steps.
 */
export type ExecutionState = "SUCCESS" | "FAIL_CONTINUE" | "BLOCK" | "ASYNC";

export function actionOutputs(
  state: ExecutionState,
  fields: Record<string, string> = {},
): Record<string, string> {
  return { hs_execution_state: state, ...fields };
}
