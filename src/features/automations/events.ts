import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import type { AutomationEvent } from "../../db/schema/automations.ts";

export const AUTOMATION_EVENTS: readonly AutomationEvent[] = [
  "created",
  "sent",
  "partially_paid",
  "paid",
  "overdue",
];

/**
 * What a rule can react to when an invoice moves from `from` (undefined: first stored) to `to`.
 * A first sighting is "created" only: an existing invoice added already paid did not *become*
 * paid while Ledgerlink watched. Moving back to "awaiting send" or to "voided" is no event.
 */
export function eventsOf(from: InvoiceStateColumn | undefined, to: InvoiceStateColumn): AutomationEvent[] {
  if (from === undefined) return ["created"];
  if (from === to) return [];
  switch (to) {
    case "sent":
    case "partially_paid":
    case "paid":
    case "overdue":
      return [to];
    default:
      return [];
  }
}
