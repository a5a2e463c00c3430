import { z } from "zod";
import type { Owner } from "../../../domain/crm.ts";
import { compact, objectId } from "./common.ts";
import { wireParser } from "./parse.ts";

/** A HubSpot owner (https://developers.hubspot.com/docs/api/crm/owners): the reports name deals by it (W4). */
export const ownerWire = z.looseObject({
  id: objectId,
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  archived: z.boolean().optional(),
});
export type OwnerWire = z.output<typeof ownerWire>;

export function toOwner(o: OwnerWire): Owner {
  const name = [o.firstName, o.lastName].filter(Boolean).join(" ");
  return compact({
    id: o.id,
    email: o.email || undefined,
    firstName: o.firstName || undefined,
    lastName: o.lastName || undefined,
    // What HubSpot shows: the name, else the e-mail, else the id.
    displayName: name || o.email || o.id,
    archived: o.archived ?? false,
  });
}

const parser = wireParser("owners", ownerWire, toOwner);
export const parseOwner = parser.one;
export const parseOwners = parser.list;
export const partitionOwners = parser.each;
