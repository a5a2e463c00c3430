import { z } from "zod";
import type { StoredList, StoredMembership } from "../lists.ts";

/** The most record ids one membership call takes (HubSpot documents no number; this is ours). */
export const MAX_MEMBERSHIP_IDS = 100_000;
/** `GET /crm/v3/lists/{id}/memberships`: default and largest page. */
export const MEMBERS_PAGE = { default: 100, max: 250 };
/** `POST /crm/v3/lists/search`: default and largest `count`. */
export const SEARCH_COUNT = { default: 20, max: 500 };

const id = z.union([
  z.string().regex(/^\d{1,18}$/, "a record id is a string of digits"),
  z.number().int().nonnegative(),
]);
export const recordIdsSchema = z
  .array(id)
  .max(MAX_MEMBERSHIP_IDS)
  .transform((ids) => ids.map(String));

export const addAndRemoveSchema = z.looseObject({
  recordIdsToAdd: recordIdsSchema.default([]),
  recordIdsToRemove: recordIdsSchema.default([]),
});

export const createListSchema = z.looseObject({
  name: z.string().trim().min(1, "name is required").max(500),
  objectTypeId: z.string().min(1),
  processingType: z.enum(["MANUAL", "DYNAMIC", "SNAPSHOT"]),
  customProperties: z.record(z.string(), z.string()).optional(),
  listFolderId: z.number().int().optional(),
  membershipSettings: z
    .looseObject({
      membershipTeamId: z.number().int().nullable().optional(),
      includeUnassigned: z.boolean().nullable().optional(),
    })
    .optional(),
  listPermissions: z
    .looseObject({
      teamsWithEditAccess: z.array(z.number().int()).optional(),
      usersWithEditAccess: z.array(z.number().int()).optional(),
    })
    .optional(),
  filterBranch: z.unknown().optional(),
});

export const searchListsSchema = z.looseObject({
  query: z.string().optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(0).default(SEARCH_COUNT.default),
  processingTypes: z.array(z.enum(["MANUAL", "DYNAMIC", "SNAPSHOT"])).optional(),
  listIds: z.array(id).optional(),
  objectTypeId: z.string().optional(),
  additionalProperties: z.array(z.string()).optional(),
  sort: z.string().optional(),
});

/** `PublicObjectList`: what create, get by id and (without memberships) search answer. */
export function listJson(list: StoredList, size: number) {
  return {
    listId: list.listId,
    listVersion: list.listVersion,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    // A MANUAL list has nothing to process in the background.
    processingStatus: "COMPLETE",
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
    filtersUpdatedAt: list.filtersUpdatedAt,
    ...(list.deletedAt ? { deletedAt: list.deletedAt } : {}),
    createdById: list.createdById,
    updatedById: list.updatedById,
    size,
    ...(list.listFolderId !== undefined ? { listFolderId: list.listFolderId } : {}),
    listPermissions: list.listPermissions,
    membershipSettings: list.membershipSettings,
  };
}

/** `PublicObjectListSearchResult`: the list plus its `additionalProperties` as strings. */
export function searchResultJson(list: StoredList, members: StoredMembership[], wanted: string[]) {
  const full: Record<string, unknown> = listJson(list, members.length);
  // The search result carries the definition without sharing settings, size or folder.
  for (const name of ["size", "listPermissions", "membershipSettings", "listFolderId"]) delete full[name];
  const lastAdded = members.reduce((max, m) => (m.lastAddedAt > max ? m.lastAddedAt : max), "");
  const known: Record<string, string> = {
    hs_list_size: String(members.length),
    hs_list_reference_count: "0",
    ...(lastAdded ? { hs_last_record_added_at: String(Date.parse(lastAdded)) } : {}),
    ...list.customProperties,
  };
  const always = ["hs_list_size", "hs_list_reference_count", "hs_last_record_added_at"];
  const additionalProperties = Object.fromEntries(
    Object.entries(known).filter(([name]) => always.includes(name) || wanted.includes(name)),
  );
  return { ...full, additionalProperties };
}
