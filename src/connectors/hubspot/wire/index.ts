/**
 * What Ledgerlink reads from and writes to HubSpot CRM, in one place: zod schemas of the wire
 * shapes, pure mappers to the domain types (src/domain/crm.ts), the property names each mapper
 * reads (ask for them), and builders of the property maps we write. Imports nothing but zod, lib/
 * and domain/ (the emulator may use it too).
 */
export * from "./action-outputs.ts";
export * from "./company.ts";
export * from "./contact.ts";
export * from "./deal.ts";
export * from "./envelope.ts";
export * from "./invoice.ts";
export * from "./line-item.ts";
export * from "./owner.ts";
export * from "./pipeline.ts";
export * from "./product.ts";
export * from "./property.ts";
export * from "./quote.ts";
export { wireParser, type WireParser } from "./parse.ts";
export { dayOf, timeOf } from "./common.ts";
export type { Partitioned, WireError } from "../../../domain/wire-error.ts";
export * from "./identity-properties.ts";
export * from "./user.ts";
