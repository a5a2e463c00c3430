import { z } from "zod";
import { DATA_TYPES, type CardDefinition, type DataType } from "./card-store.ts";

/**
 * What a card's fetch URL answers, in either format HubSpot accepts (docs/vendors/hubspot.md §10): the
 * legacy one (`results`, `primaryAction`, ...) and the newer `responseVersion: "v3"` one
 * (`sections`, `topLevelActions`). Both become one `CardView` for the record page.
 */
export type ActionKind = "IFRAME" | "ACTION_HOOK" | "CONFIRMATION_ACTION_HOOK";

export interface CardAction {
  kind: ActionKind;
  label: string;
  url: string;
  /** IFRAME only: the modal's size in pixels. */
  width?: number;
  height?: number;
  /** Hooks only. */
  httpMethod?: string;
  /** Record properties sent with the action. */
  propertyNames: string[];
  confirmation?: { message: string; confirm: string; cancel: string };
}

export interface CardProperty {
  label: string;
  dataType: DataType;
  value: string;
  /** STATUS: DEFAULT, SUCCESS, WARNING, DANGER, INFO. */
  optionType?: string;
  currencyCode?: string;
  linkLabel?: string;
}

export interface CardItem {
  title: string;
  link?: string;
  properties: CardProperty[];
  actions: CardAction[];
}

export interface CardView {
  items: CardItem[];
  totalCount: number;
  allItems?: { url: string; label?: string };
  primary?: CardAction;
  secondary: CardAction[];
  settings?: CardAction;
  /** Actions left out because their URL is not under one of the card's `actions.baseUrls`. */
  rejectedActions: string[];
}

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const legacyAction = z.looseObject({
  type: z.enum(["IFRAME", "ACTION_HOOK", "CONFIRMATION_ACTION_HOOK"]),
  uri: z.string(),
  label: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  httpMethod: z.string().optional(),
  associatedObjectProperties: z.array(z.string()).optional(),
  confirmationMessage: z.string().optional(),
  confirmButtonText: z.string().optional(),
  cancelButtonText: z.string().optional(),
});
const legacyProperty = z.looseObject({
  label: z.string(),
  dataType: z.enum(DATA_TYPES).default("STRING"),
  value: text.nullable().optional(),
  optionType: z.string().optional(),
  currencyCode: z.string().optional(),
  linkLabel: z.string().optional(),
});
const legacyResult = z.looseObject({
  objectId: text,
  title: z.string(),
  link: z.string().nullable().optional(),
  properties: z.array(legacyProperty).optional(),
  actions: z.array(legacyAction).optional(),
});
const legacyResponse = z.looseObject({
  results: z.array(legacyResult),
  totalCount: z.number().optional(),
  allItemsLink: z.string().optional(),
  itemLabel: z.string().optional(),
  primaryAction: legacyAction.optional(),
  secondaryActions: z.array(legacyAction).optional(),
  settingsAction: legacyAction.optional(),
});

const v3Action = z.looseObject({
  type: z.enum(["IFRAME", "ACTION_HOOK"]),
  url: z.string(),
  label: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  httpMethod: z.string().optional(),
  propertyNamesIncluded: z.array(z.string()).optional(),
  confirmation: z
    .object({ prompt: z.string(), confirmButtonLabel: z.string(), cancelButtonLabel: z.string() })
    .optional(),
});
const v3Response = z.looseObject({
  responseVersion: z.literal("v3").optional(),
  totalCount: z.number(),
  allItemsLinkUrl: z.string().optional(),
  cardLabel: z.string().optional(),
  sections: z
    .array(
      z.looseObject({
        id: text,
        title: z.string(),
        linkUrl: z.string().optional(),
        tokens: z.array(
          z.looseObject({
            name: z.string().optional(),
            label: z.string().optional(),
            dataType: z.enum(DATA_TYPES).default("STRING"),
            value: text,
          }),
        ),
        actions: z.array(v3Action).default([]),
      }),
    )
    .default([]),
  topLevelActions: z
    .looseObject({
      primary: v3Action.optional(),
      secondary: z.array(v3Action).default([]),
      settings: v3Action.optional(),
    })
    .optional(),
});

/** Parses a fetch response for a card; the error names what does not fit. */
export function parseCardResponse(
  card: CardDefinition,
  raw: unknown,
): { ok: true; view: CardView } | { ok: false; error: string } {
  const isV3 =
    typeof raw === "object" &&
    raw !== null &&
    ("sections" in raw || (raw as { responseVersion?: unknown }).responseVersion === "v3");
  const parsed = isV3 ? v3Response.safeParse(raw) : legacyResponse.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
  }
  const rejected: string[] = [];
  const allowed = (action: CardAction | undefined): action is CardAction => {
    if (!action) return false;
    const ok = card.actions.baseUrls.some((base) => action.url.startsWith(base));
    if (!ok) rejected.push(`${action.label} (${action.url})`);
    return ok;
  };
  const view = isV3
    ? fromV3(parsed.data as z.infer<typeof v3Response>, allowed)
    : fromLegacy(card, parsed.data as z.infer<typeof legacyResponse>, allowed);
  return { ok: true, view: { ...view, rejectedActions: rejected } };
}

type Allowed = (action: CardAction | undefined) => action is CardAction;

function fromLegacyAction(a: z.infer<typeof legacyAction>): CardAction {
  return {
    kind: a.type,
    label: a.label ?? a.type,
    url: a.uri,
    width: a.width,
    height: a.height,
    httpMethod: a.httpMethod?.toUpperCase() ?? (a.type === "IFRAME" ? undefined : "POST"),
    propertyNames: a.associatedObjectProperties ?? [],
    confirmation:
      a.type === "CONFIRMATION_ACTION_HOOK"
        ? {
            message: a.confirmationMessage ?? "",
            confirm: a.confirmButtonText ?? "",
            cancel: a.cancelButtonText ?? "",
          }
        : undefined,
  };
}

function fromLegacy(
  card: CardDefinition,
  body: z.infer<typeof legacyResponse>,
  allowed: Allowed,
): Omit<CardView, "rejectedActions"> {
  const items = body.results.map((result) => {
    // A result may carry the card's declared display properties as its own keys (`"status": "paid"`).
    const declared = card.display.properties.flatMap((prop): CardProperty[] => {
      const value = (result as Record<string, unknown>)[prop.name];
      if (value === undefined || value === null) return [];
      const option = prop.options.find((o) => o.name === String(value));
      return [
        {
          label: prop.label,
          dataType: prop.dataType,
          value: option?.label ?? String(value),
          optionType: option?.type,
        },
      ];
    });
    const listed = (result.properties ?? []).map((p) => ({
      label: p.label,
      dataType: p.dataType,
      value: p.value ?? "",
      optionType: p.optionType,
      currencyCode: p.currencyCode,
      linkLabel: p.linkLabel,
    }));
    return {
      title: result.title,
      link: result.link ?? undefined,
      properties: [...declared, ...listed],
      actions: (result.actions ?? []).map(fromLegacyAction).filter(allowed),
    };
  });
  const primary = body.primaryAction ? fromLegacyAction(body.primaryAction) : undefined;
  const settings = body.settingsAction ? fromLegacyAction(body.settingsAction) : undefined;
  return {
    items,
    totalCount: body.totalCount ?? items.length,
    allItems: body.allItemsLink ? { url: body.allItemsLink, label: body.itemLabel } : undefined,
    primary: allowed(primary) ? primary : undefined,
    secondary: (body.secondaryActions ?? []).map(fromLegacyAction).filter(allowed),
    settings: allowed(settings) ? settings : undefined,
  };
}

function fromV3Action(a: z.infer<typeof v3Action>): CardAction {
  return {
    kind: a.type === "ACTION_HOOK" && a.confirmation ? "CONFIRMATION_ACTION_HOOK" : a.type,
    label: a.label ?? a.type,
    url: a.url,
    width: a.width,
    height: a.height,
    httpMethod: a.httpMethod?.toUpperCase() ?? (a.type === "IFRAME" ? undefined : "POST"),
    propertyNames: a.propertyNamesIncluded ?? [],
    confirmation: a.confirmation
      ? {
          message: a.confirmation.prompt,
          confirm: a.confirmation.confirmButtonLabel,
          cancel: a.confirmation.cancelButtonLabel,
        }
      : undefined,
  };
}

function fromV3(body: z.infer<typeof v3Response>, allowed: Allowed): Omit<CardView, "rejectedActions"> {
  const top = body.topLevelActions;
  const primary = top?.primary ? fromV3Action(top.primary) : undefined;
  const settings = top?.settings ? fromV3Action(top.settings) : undefined;
  return {
    items: body.sections.map((section) => ({
      title: section.title,
      link: section.linkUrl,
      properties: section.tokens.map((t) => ({
        label: t.label ?? t.name ?? "",
        dataType: t.dataType,
        value: t.value,
      })),
      actions: section.actions.map(fromV3Action).filter(allowed),
    })),
    totalCount: body.totalCount,
    allItems: body.allItemsLinkUrl ? { url: body.allItemsLinkUrl, label: body.cardLabel } : undefined,
    primary: allowed(primary) ? primary : undefined,
    secondary: (top?.secondary ?? []).map(fromV3Action).filter(allowed),
    settings: allowed(settings) ? settings : undefined,
  };
}
