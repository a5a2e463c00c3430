/**
 * What Ledgerlink reads from and writes to QuickBooks Online, in one place: zod schemas of the
 * wire shapes, pure mappers to the domain types (src/domain/accounting.ts), and builders of the
 * bodies we send. Imports nothing but zod, lib/ and domain/ (the emulator may use it too).
 */
export * from "./account.ts";
export * from "./change-ref.ts";
export * from "./company.ts";
export * from "./customer.ts";
export * from "./envelope.ts";
export * from "./estimate.ts";
export * from "./invoice.ts";
export * from "./item.ts";
export * from "./payment.ts";
export * from "./sales-line.ts";
export * from "./tax-code.ts";
export * from "./term.ts";
export { wireParser, type WireParser } from "./parse.ts";
export { cents } from "./common.ts";
export type { Partitioned, WireError } from "../../../domain/wire-error.ts";
export * from "./lookup-fields.ts";
