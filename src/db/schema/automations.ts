import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Money = ColumnType<string | null, string | number | null | undefined, string | number | null>;

/** What happened to an invoice that a rule can react to (W3). */
export type AutomationEvent = "created" | "sent" | "partially_paid" | "paid" | "overdue";
export type AutomationAction = "email" | "slack" | "webhook";
export type FiringStatus = "pending" | "ok" | "failed" | "skipped";

/** One rule of a portal: "when an invoice <event> (and matches the filters) → <action>". */
export interface AutomationRulesTable {
  ruleId: string;
  portalId: string;
  name: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  event: AutomationEvent;
  action: AutomationAction;
  /** features/automations/rule-schema.ts `ActionSettings`; the webhook secret is sealed. */
  settings: ColumnType<unknown, string, string>;
  connectionId: string | null;
  pipelineId: string | null;
  amountMin: Money;
  amountMax: Money;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** One firing of a rule for an invoice and event; unique per (rule, invoice, event). */
export interface AutomationFiringsTable {
  firingId: string;
  ruleId: string;
  portalId: string;
  invoiceKey: string;
  event: AutomationEvent;
  status: FiringStatus;
  attempts: ColumnType<number, number | undefined, number>;
  /** What the delivery answered or why it failed / was skipped, in words. */
  result: string | null;
  firedAt: Timestamp;
  finishedAt: Timestamp | null;
}
