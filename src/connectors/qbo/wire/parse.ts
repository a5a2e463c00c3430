import { wireParsersFor, type WireParser } from "../../wire-parse.ts";

/** QuickBooks's facts for the shared wire parser: its name in messages and its records' id field. */
export const { wireParser, malformed, wireError } = wireParsersFor({
  key: "qbo",
  label: "QuickBooks",
  idField: "Id",
});

export type { WireParser };
