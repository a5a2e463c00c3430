import type { LinkKind } from "../../../db/schema/index.ts";
import type { Pair } from "../pairs.ts";
import type { RecordLink } from "../repo/record-links.ts";
import type { Vendor } from "./side.ts";

/**
 * How a link and a mapping pair name each end: QBO's end is a field path and the link's `qboId`
 * and `toQbo` memory, HubSpot's a property and `hubspotId` and `toHubspot`.
 */
export const fieldOf = (pair: Pair, vendor: Vendor): string =>
  vendor === "qbo" ? pair.field.path : pair.hubspotProperty;

export const idColumn = (vendor: Vendor): "qboId" | "hubspotId" => (vendor === "qbo" ? "qboId" : "hubspotId");

export const memoryOf = (vendor: Vendor): "toQbo" | "toHubspot" => (vendor === "qbo" ? "toQbo" : "toHubspot");

/** A new link between a source record and the target record it is, remembering what we wrote. */
export function newLink(
  connectionId: string,
  kind: LinkKind,
  source: { vendor: Vendor; id: string },
  target: { vendor: Vendor; id: string; written?: Record<string, string> },
): RecordLink {
  const link: RecordLink = {
    connectionId,
    kind,
    qboId: "",
    hubspotId: "",
    toHubspot: {},
    toQbo: {},
    archived: false,
  };
  link[idColumn(source.vendor)] = source.id;
  link[idColumn(target.vendor)] = target.id;
  link[memoryOf(target.vendor)] = target.written ?? {};
  return link;
}
