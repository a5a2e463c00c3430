import type { HsApp, HsRecord, HubSpotCore } from "../contract.ts";
import { IdSequence } from "../../kit/index.ts";
import type { ActionDefinition } from "./action-store.ts";
import { durationMs } from "./duration.ts";
import type { ObjectTypeNames } from "./object-types.ts";
import { signatureHeaders } from "./signatures.ts";
import { WAITING, type RunAttempt, type RunState, type WorkflowRun } from "./workflow-run.ts";

/** HubSpot retries 429 and 5xx; the emulator makes this many attempts in all, one after another. */
export const MAX_ATTEMPTS = 5;
/** HubSpot's read time-out for calls a workflow makes (docs/vendors/hubspot.md §11). */
const ACTION_TIMEOUT_MS = 30_000;
const DEFAULT_EXPIRY_MS = 7 * 24 * 3600_000;

export interface RunRequest {
  app: HsApp;
  definition: ActionDefinition;
  portalId: number;
  type: ObjectTypeNames;
  record: HsRecord;
  workflowId?: number;
  inputFields: Record<string, unknown>;
}

export interface RunnerJson {
  runs: WorkflowRun[];
  ids: Record<string, number>;
}

/**
 * Runs custom workflow actions the way a workflow enrolment does (docs/vendors/hubspot.md §11): a signed POST
 * to the action URL, then the answer's `hs_execution_state` decides whether the run is over or
 * waits for the completion callback. 429 and 5xx are retried at once (HubSpot waits; the wait it
 * would take is recorded on each attempt), so a test sees the whole story in one call.
 */
export class WorkflowRunner {
  #runs = new Map<string, WorkflowRun>();
  #ids = new IdSequence();

  constructor(
    private readonly core: HubSpotCore,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    core.clock.onChange(() => this.#expire());
  }

  async run(req: RunRequest): Promise<WorkflowRun> {
    const now = this.core.clock.now();
    const run: WorkflowRun = {
      callbackId: `ap-${req.portalId}-${now.getTime()}-${this.#ids.next("callback")}-0`,
      portalId: req.portalId,
      appId: req.app.appId,
      actionId: req.definition.id,
      actionDefinitionVersion: Number(req.definition.revisionId),
      workflowId: req.workflowId ?? Number(this.#ids.next("workflow", 5_000_001)),
      enrollmentId: Number(this.#ids.next("enrollment", 9_000_001)),
      objectType: req.type.upper,
      objectId: req.record.id,
      inputFields: req.inputFields,
      request: undefined,
      state: "RUNNING",
      outputFields: {},
      attempts: [],
      startedAt: now.toISOString(),
    };
    run.request = this.#payload(run, req);
    this.#runs.set(run.callbackId, run);
    await this.#call(run, req.app, req.definition.actionUrl);
    return run;
  }

  get(callbackId: string): WorkflowRun | undefined {
    this.#expire();
    return this.#runs.get(callbackId);
  }

  list(): WorkflowRun[] {
    this.#expire();
    return [...this.#runs.values()];
  }

  /** The completion callback: ends a waiting run with the state its output fields name. */
  complete(
    callbackId: string,
    outputFields: Record<string, string>,
  ): "completed" | "not_found" | "not_waiting" | "invalid_state" {
    const run = this.get(callbackId);
    if (!run) return "not_found";
    if (!WAITING.has(run.state)) return "not_waiting";
    const state = outputFields.hs_execution_state ?? "SUCCESS";
    if (state !== "SUCCESS" && state !== "FAIL_CONTINUE") return "invalid_state";
    this.#finish(run, state, outputFields, "CALLBACK");
    return "completed";
  }

  toJSON(): RunnerJson {
    return structuredClone({ runs: [...this.#runs.values()], ids: this.#ids.toJSON() });
  }

  restore(json: RunnerJson): void {
    this.#runs = new Map(structuredClone(json.runs).map((run) => [run.callbackId, run]));
    this.#ids = new IdSequence({ ...json.ids });
    // A call in flight when the state was saved never got its answer.
    for (const run of this.#runs.values())
      if (run.state === "RUNNING") this.#fail(run, "The emulator stopped while calling the action URL.");
  }

  reset(): void {
    this.restore({ runs: [], ids: {} });
  }

  /**
   * The execution request body of docs/vendors/hubspot.md §11 (`fields` is the older name of `inputFields`).
   */
  #payload(run: WorkflowRun, req: RunRequest) {
    const wanted = req.definition.objectRequestOptions?.properties ?? [];
    return {
      callbackId: run.callbackId,
      origin: {
        portalId: run.portalId,
        actionDefinitionId: Number(run.actionId),
        actionDefinitionVersion: run.actionDefinitionVersion,
        actionExecutionIndexIdentifier: { enrollmentId: run.enrollmentId, actionExecutionIndex: 0 },
        extensionDefinitionId: Number(run.actionId),
        extensionDefinitionVersionId: run.actionDefinitionVersion,
      },
      context: { source: "WORKFLOWS", workflowId: run.workflowId, actionId: 1 },
      object: {
        objectId: Number(run.objectId),
        objectType: run.objectType,
        properties: Object.fromEntries(wanted.map((name) => [name, req.record.properties[name] ?? null])),
      },
      fields: run.inputFields,
      inputFields: run.inputFields,
    };
  }

  async #call(run: WorkflowRun, app: HsApp, actionUrl: string): Promise<void> {
    const body = JSON.stringify(run.request);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const now = this.core.clock.now();
      const record: RunAttempt = { at: now.toISOString() };
      run.attempts.push(record);
      let res: Response | undefined;
      try {
        res = await this.fetchImpl(actionUrl, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...signatureHeaders({
              clientSecret: app.clientSecret,
              method: "POST",
              url: actionUrl,
              body,
              now,
              legacy: "v2",
            }),
          },
          body,
          signal: AbortSignal.timeout(ACTION_TIMEOUT_MS),
        });
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      const text = res ? await res.text() : "";
      if (res) record.status = res.status;
      if (res?.ok) return this.#answered(run, text);
      // 4xx other than 429 is the action refusing: logged, not retried (docs/vendors/hubspot.md §11).
      if (res && res.status !== 429 && res.status < 500)
        return this.#fail(run, `HTTP ${res.status} ${text.slice(0, 200)}`.trim());
      if (attempt < MAX_ATTEMPTS) record.retryAfterMs = backoffMs(res, attempt);
    }
    const last = run.attempts.at(-1);
    this.#fail(
      run,
      `Gave up after ${MAX_ATTEMPTS} attempts (last: ${last?.error ?? `HTTP ${last?.status}`}).`,
    );
  }

  #answered(run: WorkflowRun, text: string): void {
    // The callback may have completed the run while the action was still answering.
    if (!WAITING.has(run.state)) return;
    const outputFields = outputsOf(text);
    const state = outputFields.hs_execution_state ?? "SUCCESS";
    if (state === "SUCCESS" || state === "FAIL_CONTINUE")
      return this.#finish(run, state, outputFields, "RESPONSE");
    if (state === "BLOCK" || state === "ASYNC") {
      run.state = state === "BLOCK" ? "BLOCKED" : "ASYNC";
      run.outputFields = outputFields;
      const wait = durationMs(outputFields.hs_expiration_duration ?? "") ?? DEFAULT_EXPIRY_MS;
      run.expiresAt = new Date(this.core.clock.now().getTime() + wait).toISOString();
      return;
    }
    this.#fail(run, `Unknown hs_execution_state "${state}".`);
  }

  #finish(
    run: WorkflowRun,
    state: RunState,
    outputFields: Record<string, string>,
    by: WorkflowRun["completedBy"],
  ): void {
    run.state = state;
    run.outputFields = outputFields;
    run.completedBy = by;
    run.completedAt = this.core.clock.now().toISOString();
  }

  #fail(run: WorkflowRun, failure: string): void {
    if (!WAITING.has(run.state)) return; // completed by its callback meanwhile
    run.state = "FAILED";
    run.failure = failure;
    run.completedBy = "RESPONSE";
    run.completedAt = this.core.clock.now().toISOString();
  }

  #expire(): void {
    const now = this.core.clock.now().toISOString();
    for (const run of this.#runs.values()) {
      if ((run.state === "BLOCKED" || run.state === "ASYNC") && run.expiresAt && run.expiresAt <= now) {
        run.state = "EXPIRED";
        run.completedBy = "EXPIRY";
        run.completedAt = run.expiresAt;
      }
    }
  }
}

/** `{ "outputFields": { ... } }`, values as strings; anything else counts as no outputs. */
function outputsOf(text: string): Record<string, string> {
  try {
    const parsed = JSON.parse(text) as { outputFields?: unknown };
    if (typeof parsed.outputFields !== "object" || parsed.outputFields === null) return {};
    return Object.fromEntries(
      Object.entries(parsed.outputFields).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
  } catch {
    return {};
  }
}

/**
 * The wait before the next attempt: a 429's `Retry-After`, else doubling from a minute
 * (HubSpot's exact schedule for actions is unverified: docs/vendors/hubspot.md §14 (question 8)).
 */
function backoffMs(res: Response | undefined, attempt: number): number {
  const retryAfter = Number(res?.headers.get("retry-after"));
  if (res?.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  return 60_000 * 2 ** (attempt - 1);
}
