import { z } from "zod";
import { IdSequence } from "../../kit/index.ts";
import { isHttpUrl } from "./http.ts";
import { objectType } from "./object-types.ts";

/**
 * The object types a legacy CRM card can sit on (docs/vendors/hubspot.md §10; the SDK's CardObjectTypeBody).
 */
const CARD_OBJECT_TYPES = ["contacts", "companies", "deals", "tickets", "marketing_events"] as const;
export const DATA_TYPES = [
  "BOOLEAN",
  "CURRENCY",
  "DATE",
  "DATETIME",
  "EMAIL",
  "LINK",
  "NUMERIC",
  "STRING",
  "STATUS",
] as const;
export type DataType = (typeof DATA_TYPES)[number];

const url = z.string().refine(isHttpUrl, "must be an absolute http(s) URL");
const objectTypeBody = z.object({
  name: z.enum(CARD_OBJECT_TYPES),
  propertiesToSend: z.array(z.string().min(1)).default([]),
});
const displayProperty = z.object({
  name: z.string().min(1),
  label: z.string(),
  dataType: z.enum(DATA_TYPES),
  options: z
    .array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.enum(["DEFAULT", "SUCCESS", "WARNING", "DANGER", "INFO"]),
      }),
    )
    .default([]),
});
const display = z.object({ properties: z.array(displayProperty).default([]) });
const actions = z.object({ baseUrls: z.array(url).default([]) });

/** `CardCreateRequest` of the SDK: title, fetch, display and actions. */
export const cardCreateSchema = z.object({
  title: z.string().min(1),
  fetch: z.object({ targetUrl: url, objectTypes: z.array(objectTypeBody).min(1) }),
  display: display.default({ properties: [] }),
  actions: actions.default({ baseUrls: [] }),
});

/** `CardPatchRequest`: any part may change; `fetch` keeps what it does not name. */
export const cardPatchSchema = z.object({
  title: z.string().min(1).optional(),
  fetch: z
    .object({ targetUrl: url.optional(), objectTypes: z.array(objectTypeBody).min(1).optional() })
    .optional(),
  display: display.optional(),
  actions: actions.optional(),
});

export type CardCreate = z.infer<typeof cardCreateSchema>;
export type CardPatch = z.infer<typeof cardPatchSchema>;
export type DisplayProperty = z.infer<typeof displayProperty>;

interface CardAudit {
  actionType: "CREATE" | "UPDATE" | "DELETE";
  /** The numeric part of the first object type id (`0-3` → 3) [unverified meaning]. */
  objectTypeId: number;
  authSource: "APP";
  changedAt: number;
  applicationId: number;
  initiatingUserId: number;
}

/** A card definition as the API returns it (`PublicCardResponse`). */
export interface CardDefinition extends CardCreate {
  id: string;
  appId: number;
  createdAt: string;
  updatedAt: string;
  auditHistory: CardAudit[];
}

export interface CardStoreJson {
  cards: CardDefinition[];
  ids: Record<string, number>;
}

/** Card definitions of every app, by id. */
export class CardStore {
  #cards = new Map<string, CardDefinition>();
  #ids = new IdSequence();

  list(appId: number): CardDefinition[] {
    return [...this.#cards.values()].filter((card) => card.appId === appId);
  }

  get(appId: number, id: string): CardDefinition | undefined {
    const card = this.#cards.get(id);
    return card?.appId === appId ? card : undefined;
  }

  /** The cards shown on a record of this type (`deals`), in creation order. */
  forObjectType(name: string): CardDefinition[] {
    return [...this.#cards.values()].filter((card) => card.fetch.objectTypes.some((t) => t.name === name));
  }

  create(appId: number, input: CardCreate, now: Date): CardDefinition {
    const at = now.toISOString();
    const card: CardDefinition = {
      id: this.#ids.next("card", 1001),
      appId,
      ...input,
      createdAt: at,
      updatedAt: at,
      auditHistory: [],
    };
    card.auditHistory.push(audit(card, "CREATE", now));
    this.#cards.set(card.id, card);
    return card;
  }

  patch(card: CardDefinition, input: CardPatch, now: Date): CardDefinition {
    if (input.title !== undefined) card.title = input.title;
    if (input.fetch?.targetUrl !== undefined) card.fetch.targetUrl = input.fetch.targetUrl;
    if (input.fetch?.objectTypes !== undefined) card.fetch.objectTypes = input.fetch.objectTypes;
    if (input.display !== undefined) card.display = input.display;
    if (input.actions !== undefined) card.actions = input.actions;
    card.updatedAt = now.toISOString();
    card.auditHistory.push(audit(card, "UPDATE", now));
    return card;
  }

  delete(card: CardDefinition): void {
    this.#cards.delete(card.id);
  }

  toJSON(): CardStoreJson {
    return structuredClone({ cards: [...this.#cards.values()], ids: this.#ids.toJSON() });
  }

  restore(json: CardStoreJson): void {
    this.#cards = new Map(structuredClone(json.cards).map((card) => [card.id, card]));
    this.#ids = new IdSequence({ ...json.ids });
  }

  reset(): void {
    this.restore({ cards: [], ids: {} });
  }
}

function audit(card: CardDefinition, actionType: CardAudit["actionType"], now: Date): CardAudit {
  const typeId = objectType(card.fetch.objectTypes[0]?.name ?? "")?.typeId ?? "0-0";
  return {
    actionType,
    objectTypeId: Number(typeId.split("-")[1]),
    authSource: "APP",
    changedAt: now.getTime(),
    applicationId: card.appId,
    initiatingUserId: 0,
  };
}

/** The API shape of a card: the definition without the emulator's own bookkeeping. */
export function cardResponse(card: CardDefinition) {
  const { appId: _appId, ...body } = card;
  return body;
}
