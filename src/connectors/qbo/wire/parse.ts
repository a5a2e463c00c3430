import type { z } from "zod";
import {
  malformed as malformedFor,
  wireError as wireErrorFor,
  wireParser as wireParserFor,
  type WireParser,
  type WireVendor,
} from "../../wire-parse.ts";

/** QuickBooks's facts for the shared wire parser: its name in messages and its records' id field. */
const VENDOR: WireVendor = { key: "qbo", label: "QuickBooks", idField: "Id" };

export type { WireParser };

export const wireParser = <S extends z.ZodType, T>(
  entity: string,
  schema: S,
  map: (wire: z.output<S>) => T,
) => wireParserFor(VENDOR, entity, schema, map);
export const malformed = (entity: string, raw: unknown, error: z.ZodError) =>
  malformedFor(VENDOR, entity, raw, error);
export const wireError = (entity: string, path: string, problem: string) =>
  wireErrorFor(VENDOR, entity, path, problem);
