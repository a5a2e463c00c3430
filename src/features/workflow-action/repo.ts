import type { Database } from "../../db/kysely.ts";
import type { ExecutionStatus } from "../../db/schema/workflows.ts";

export interface WorkflowExecution {
  callbackId: string;
  portalId: string;
  dealId: string;
  inputs: Record<string, unknown>;
  status: ExecutionStatus;
  invoiceKey: string | null;
  outputs: Record<string, string> | null;
  completedAt: Date | null;
}

/** Stores a new execution; false when this callbackId was seen before (a retry or a rerun). */
export async function insertExecution(
  db: Database,
  row: { callbackId: string; portalId: string; dealId: string; inputs: Record<string, unknown> },
  now: Date,
  decided?: { status: ExecutionStatus; outputs: Record<string, string> },
): Promise<boolean> {
  const inserted = await db
    .insertInto("workflowExecutions")
    .values({
      ...row,
      inputs: JSON.stringify(row.inputs),
      status: decided?.status ?? "pending",
      outputs: decided ? JSON.stringify(decided.outputs) : null,
      // An answer given in the response needs no callback.
      completedAt: decided ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.column("callbackId").doNothing())
    .returning("callbackId")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findExecution(
  db: Database,
  callbackId: string,
): Promise<WorkflowExecution | undefined> {
  const row = await db
    .selectFrom("workflowExecutions")
    .select(["callbackId", "portalId", "dealId", "status", "invoiceKey", "completedAt", "inputs", "outputs"])
    .where("callbackId", "=", callbackId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    callbackId: row.callbackId,
    portalId: row.portalId,
    dealId: row.dealId,
    inputs: row.inputs as Record<string, unknown>,
    status: row.status,
    invoiceKey: row.invoiceKey,
    outputs: (row.outputs as Record<string, string> | null) ?? null,
    completedAt: row.completedAt,
  };
}

/** Records the outcome once; a pending row only, so a decided one is never overwritten. */
export async function decideExecution(
  db: Database,
  callbackId: string,
  outcome: {
    status: Exclude<ExecutionStatus, "pending">;
    outputs: Record<string, string>;
    invoiceKey?: string;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable("workflowExecutions")
    .set({
      status: outcome.status,
      outputs: JSON.stringify(outcome.outputs),
      invoiceKey: outcome.invoiceKey ?? null,
      updatedAt: now,
    })
    .where("callbackId", "=", callbackId)
    .where("status", "=", "pending")
    .execute();
}

export async function markCompleted(db: Database, callbackId: string, now: Date): Promise<void> {
  await db
    .updateTable("workflowExecutions")
    .set({ completedAt: now, updatedAt: now })
    .where("callbackId", "=", callbackId)
    .execute();
}

/** The portal's active QBO companies by name (the action's company dropdown). */
export function activeCompanies(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "companyName", "country"])
    .where("portalId", "=", portalId)
    .where("status", "=", "active")
    .orderBy("companyName")
    .execute();
}

/** The followed invoice's state and number, as the workflow's output fields report them. */
export function invoiceOutcome(db: Database, invoiceKey: string) {
  return db
    .selectFrom("invoices")
    .select(["state", "docNumber"])
    .where("invoiceKey", "=", invoiceKey)
    .executeTakeFirstOrThrow();
}
