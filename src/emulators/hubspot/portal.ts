import { IdSequence } from "../kit/index.ts";
import { AssociationIndex, type AssociationRow } from "./association-index.ts";
import { defaultGroups, defaultProperties } from "./default-properties.ts";
import { ListStore, type StoredList } from "./lists.ts";
import { OBJECT_TYPES } from "./object-types.ts";
import { ObjectTable, type StoredRecord } from "./object-table.ts";
import type { PropertyDefinition, PropertyGroup } from "./property-types.ts";
import type { HsUser } from "./users.ts";

export interface PortalSettings {
  portalId: number;
  companyCurrency: string;
  timeZone: string;
  /** The user who installs apps in this portal (token introspection's `user`/`user_id`). */
  userId: number;
  userEmail: string;
  createdAt: string;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PortalJson {
  settings: PortalSettings;
  owners: Owner[];
  records: Record<string, StoredRecord[]>;
  associations: AssociationRow[];
  counters: Record<string, number>;
  customProperties: Record<string, PropertyDefinition[]>;
  customGroups: Record<string, PropertyGroup[]>;
  /** Lists API v3 (absent in state files written before lists were emulated). */
  lists?: StoredList[];
  /** Settings users (absent in state files written before users were emulated). */
  users?: HsUser[];
}

/** Record ids start at a realistic size and are shared by all object types, as in HubSpot. */
const FIRST_RECORD_ID = 100_001;

/**
 * One HubSpot account: settings, owners, records per object type, associations, and the
 * properties and groups created through the API (HubSpot-defined ones are shared constants).
 */
export class Portal {
  readonly tables = new Map<string, ObjectTable>();
  owners: Owner[] = [];
  users: HsUser[] = [];
  associations = new AssociationIndex();
  lists = new ListStore();
  readonly customProperties = new Map<string, Map<string, PropertyDefinition>>();
  readonly customGroups = new Map<string, Map<string, PropertyGroup>>();
  #ids: IdSequence;

  constructor(
    readonly settings: PortalSettings,
    counters: Record<string, number> = {},
  ) {
    this.#ids = new IdSequence({ ...counters });
    for (const type of OBJECT_TYPES) this.tables.set(type.name, new ObjectTable());
  }

  get id(): number {
    return this.settings.portalId;
  }

  table(objectType: string): ObjectTable {
    const table = this.tables.get(objectType);
    if (!table) throw new Error(`No table for ${objectType}`);
    return table;
  }

  record(objectType: string, id: string): StoredRecord | undefined {
    return this.tables.get(objectType)?.get(id);
  }

  nextRecordId(): string {
    return this.#ids.next("record", FIRST_RECORD_ID);
  }

  /** Sequences with their own numbering: invoice numbers (INV-1001), quote numbers, owners. */
  next(namespace: string, start: number): string {
    return this.#ids.next(namespace, start);
  }

  owner(id: string): Owner | undefined {
    return this.owners.find((o) => o.id === id && !o.archived);
  }

  /** A user by id, or by e-mail (case-insensitive) when `by` is "EMAIL" (HubSpot's `idProperty`). */
  user(id: string, by: "USER_ID" | "EMAIL" = "USER_ID"): HsUser | undefined {
    const wanted = id.toLowerCase();
    return this.users.find((u) => (by === "EMAIL" ? u.email.toLowerCase() === wanted : u.id === id));
  }

  /** Adds a user with the next id; an e-mail already in use is refused (HubSpot answers 409). */
  addUser(input: Omit<HsUser, "id">): HsUser | "duplicate" {
    if (this.user(input.email, "EMAIL")) return "duplicate";
    const user: HsUser = { ...input, id: this.next("user", this.settings.userId + 1000) };
    this.users.push(user);
    return user;
  }

  /** The user who installed the app: the first user of a new account, a super admin. */
  static installingUser(settings: PortalSettings): HsUser {
    return {
      id: String(settings.userId),
      email: settings.userEmail,
      firstName: "Portal",
      lastName: "Admin",
      secondaryTeamIds: [],
      superAdmin: true,
      language: "en",
    };
  }

  /** A live property definition: one created through the API, else HubSpot's own. */
  property(objectType: string, name: string): PropertyDefinition | undefined {
    const custom = this.customProperties.get(objectType)?.get(name);
    if (custom) return custom.archived ? undefined : custom;
    return defaultProperties(objectType).get(name);
  }

  properties(objectType: string, archived = false): PropertyDefinition[] {
    const custom = [...(this.customProperties.get(objectType)?.values() ?? [])];
    if (archived) return custom.filter((p) => p.archived);
    return [...defaultProperties(objectType).values(), ...custom.filter((p) => !p.archived)];
  }

  groups(objectType: string): PropertyGroup[] {
    return [...defaultGroups(objectType), ...(this.customGroups.get(objectType)?.values() ?? [])].filter(
      (g) => !g.archived,
    );
  }

  /** Unique-value properties of a type (contacts' `email` is unique without saying so). */
  uniqueProperties(objectType: string): string[] {
    const names = this.properties(objectType)
      .filter((p) => p.hasUniqueValue)
      .map((p) => p.name);
    return objectType === "contacts" ? ["email", ...names] : names;
  }

  toJSON(): PortalJson {
    const records: Record<string, StoredRecord[]> = {};
    for (const [type, table] of this.tables) records[type] = [...table.records.values()];
    const mapOf = <T>(source: Map<string, Map<string, T>>) =>
      Object.fromEntries([...source].map(([type, byName]) => [type, [...byName.values()]]));
    return {
      settings: this.settings,
      owners: this.owners,
      records,
      associations: this.associations.rows(),
      counters: this.#ids.toJSON(),
      customProperties: mapOf(this.customProperties),
      customGroups: mapOf(this.customGroups),
      lists: this.lists.toJSON(),
      users: this.users,
    };
  }

  static fromJSON(json: PortalJson): Portal {
    const portal = new Portal(json.settings, json.counters);
    portal.owners = json.owners;
    portal.users = json.users ?? [Portal.installingUser(json.settings)];
    for (const [type, list] of Object.entries(json.customProperties))
      portal.customProperties.set(type, new Map(list.map((p) => [p.name, p])));
    for (const [type, list] of Object.entries(json.customGroups))
      portal.customGroups.set(type, new Map(list.map((g) => [g.name, g])));
    for (const [type, list] of Object.entries(json.records)) {
      const table = portal.tables.get(type);
      if (!table) continue;
      const unique = portal.uniqueProperties(type);
      for (const record of [...list].sort((a, b) => Number(a.id) - Number(b.id))) {
        table.insert(record);
        if (record.archived) continue;
        for (const name of unique)
          table.setUnique(name, undefined, record.properties[name] ?? null, record.id);
      }
    }
    portal.associations = AssociationIndex.fromRows(json.associations);
    portal.lists = new ListStore(json.lists ?? []);
    return portal;
  }
}
