/**
 * HUBSPOT_DEFINED association types (docs/vendors/hubspot.md §6). Each row is one direction; `reverse` is
 * the type id of the other. `label` is null for the unlabeled (default) type and "Primary" for
 * the primary company. Adding a labeled association also adds the unlabeled one, as HubSpot does.
 */
export interface AssociationType {
  from: string;
  to: string;
  typeId: number;
  reverse: number;
  label: string | null;
  /** The v3 legacy name, e.g. `deal_to_contact`, `contact_to_company_unlabeled`. */
  name: string;
}

const pairs: Array<[from: string, to: string, typeId: number, reverse: number, primary?: boolean]> = [
  ["deal", "contact", 3, 4],
  ["deal", "company", 341, 342],
  ["deal", "company", 5, 6, true],
  ["contact", "company", 279, 280],
  ["contact", "company", 1, 2, true],
  ["deal", "line_item", 19, 20],
  ["deal", "quote", 63, 64],
  ["quote", "line_item", 67, 68],
  ["quote", "contact", 69, 70],
  ["quote", "company", 71, 72],
  ["invoice", "deal", 175, 176],
  ["invoice", "contact", 177, 178],
  ["invoice", "company", 179, 180],
  ["invoice", "quote", 407, 408],
  ["invoice", "line_item", 409, 410],
];

const PLURAL: Record<string, string> = {
  contact: "contacts",
  company: "companies",
  deal: "deals",
  line_item: "line_items",
  quote: "quotes",
  invoice: "invoices",
};

/**
 * Pairs that also have a primary type name their unlabeled type `..._unlabeled` (docs/vendors/hubspot.md §3).
 */
const withPrimary = new Set(pairs.filter((p) => p[4]).map((p) => `${p[0]}:${p[1]}`));

function build(): AssociationType[] {
  const out: AssociationType[] = [];
  for (const [from, to, typeId, reverse, primary] of pairs) {
    const forward = `${from}_to_${to}`;
    const backward = `${to}_to_${from}`;
    const unlabeled = withPrimary.has(`${from}:${to}`) && !primary ? "_unlabeled" : "";
    const label = primary ? "Primary" : null;
    out.push({ from: PLURAL[from]!, to: PLURAL[to]!, typeId, reverse, label, name: forward + unlabeled });
    out.push({
      from: PLURAL[to]!,
      to: PLURAL[from]!,
      typeId: reverse,
      reverse: typeId,
      label,
      name: backward + unlabeled,
    });
  }
  return out;
}

export const ASSOCIATION_TYPES = build();

const byId = new Map(ASSOCIATION_TYPES.map((t) => [t.typeId, t]));

export function associationType(typeId: number): AssociationType | undefined {
  return byId.get(typeId);
}

/** The unlabeled type between two object types (plural names), used by "associate default". */
export function defaultAssociationType(from: string, to: string): AssociationType | undefined {
  return ASSOCIATION_TYPES.find((t) => t.from === from && t.to === to && t.label === null);
}

export function associationTypesBetween(from: string, to: string): AssociationType[] {
  return ASSOCIATION_TYPES.filter((t) => t.from === from && t.to === to);
}
