/** One execution of a custom workflow action on one record, as the control API reports it. */
export type RunState =
  /** The action URL is being called. */
  | "RUNNING"
  | "SUCCESS"
  /** The action reported a failure; the workflow went on. */
  | "FAIL_CONTINUE"
  /** Waiting for `/callbacks/{callbackId}/complete` (hs_execution_state BLOCK or ASYNC). */
  | "BLOCKED"
  | "ASYNC"
  /** A 4xx answer, retries used up on 429/5xx, or an unknown execution state. */
  | "FAILED"
  /** Nobody completed the callback before `hs_expiration_duration` (a week by default) ran out. */
  | "EXPIRED";

export const WAITING: ReadonlySet<RunState> = new Set(["RUNNING", "BLOCKED", "ASYNC"]);

export interface RunAttempt {
  at: string;
  status?: number;
  error?: string;
  /** How long HubSpot would wait before the next attempt (the emulator retries at once). */
  retryAfterMs?: number;
}

export interface WorkflowRun {
  callbackId: string;
  portalId: number;
  appId: number;
  actionId: string;
  actionDefinitionVersion: number;
  workflowId: number;
  enrollmentId: number;
  objectType: string;
  objectId: string;
  inputFields: Record<string, unknown>;
  /** The JSON body posted to the action URL. */
  request: unknown;
  state: RunState;
  outputFields: Record<string, string>;
  attempts: RunAttempt[];
  startedAt: string;
  completedAt?: string;
  completedBy?: "RESPONSE" | "CALLBACK" | "EXPIRY";
  expiresAt?: string;
  failure?: string;
}
