import { z } from "zod";
import type { Estimate } from "../../../domain/accounting.ts";
import { calendarDate, compact, emailAddr, entityBase, money, ref, text, timestamp } from "./common.ts";
import { wireParser } from "./parse.ts";
import { salesLineWire, toSalesLines } from "./sales-line.ts";

/**
 * A QBO Estimate as we read it (watched by CDC)
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/estimate).
 */
export const estimateWire = z.looseObject({
  ...entityBase,
  DocNumber: z.string().optional(),
  CustomerRef: ref,
  CurrencyRef: ref.optional(),
  TxnDate: calendarDate.optional(),
  ExpirationDate: calendarDate.optional(),
  TxnStatus: z.string().optional(),
  TotalAmt: money,
  EmailStatus: z.string().optional(),
  BillEmail: emailAddr.optional(),
  Line: z.array(salesLineWire).optional(),
});
export type EstimateWire = z.output<typeof estimateWire>;

export function toEstimate(e: EstimateWire): Estimate {
  return compact({
    id: e.Id,
    docNumber: text(e.DocNumber),
    customer: compact({ id: e.CustomerRef.value, name: text(e.CustomerRef.name) }),
    currency: e.CurrencyRef?.value.toUpperCase(),
    txnDate: e.TxnDate,
    expirationDate: e.ExpirationDate,
    status: text(e.TxnStatus),
    totalAmt: e.TotalAmt,
    emailStatus: text(e.EmailStatus),
    billEmail: text(e.BillEmail?.Address),
    lines: toSalesLines(e.Line),
    updatedAt: timestamp(e.MetaData?.LastUpdatedTime),
  });
}

const parser = wireParser("Estimate", estimateWire, toEstimate);
export const parseEstimate = parser.one;
export const parseEstimates = parser.list;
export const partitionEstimates = parser.each;
