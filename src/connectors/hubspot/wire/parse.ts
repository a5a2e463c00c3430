import { wireParsersFor, type WireParser } from "../../wire-parse.ts";

/** HubSpot's facts for the shared wire parser: its name in messages and its records' id field. */
export const { wireParser, malformed, wireError } = wireParsersFor({
  key: "hubspot",
  label: "HubSpot",
  idField: "id",
});

export type { WireParser };
