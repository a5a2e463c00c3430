import { matchCustomer } from "../../../record-sync/index.ts";
import { newCustomer, type DraftData } from "../draft.ts";
import { customerChoices, newCustomerPrefill, wantedDisplayName } from "../customer.ts";
import type { MessageKey } from "../../../../web/i18n/index.ts";
import { CustomerStep, type MatchView } from "../pages/customer.tsx";
import { frame, type WizardCtx } from "./context.ts";
import { field, move, refuse, type Outcome } from "./outcome.tsx";
import { findQboCustomers, qboCustomers, takenDisplayNames } from "../service.ts";

/** How many customers the list shows without a search. */
const LIST_LIMIT = 200;

/** I3: the match (changeable) in a searchable list, or a new QuickBooks customer prefilled from HubSpot. */
export async function renderCustomer(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const { c, data } = ctx;
  const query = (c.req.query("q") ?? "").trim().slice(0, 100);
  const all = await qboCustomers(ctx);
  const match = data.party ? matchCustomer(data.party, all) : undefined;
  const saved = data.customer;
  const chosenId = saved?.kind === "existing" ? saved.id : undefined;
  let pool = all;
  if (query) {
    const found = await findQboCustomers(ctx, query);
    // The chosen customer stays in the list, so Next after a fruitless search changes nothing.
    pool = [...all.filter((x) => x.id === chosenId && !found.some((f) => f.id === x.id)), ...found];
  }
  const { list, truncated } = customerChoices(pool, query ? undefined : match, chosenId, LIST_LIMIT);
  // Nothing chosen yet: a lone match is preselected, no match means a new customer, and an
  // ambiguous match selects nothing, so that the user decides (I3).
  const chosen =
    saved?.kind === "new"
      ? "new"
      : (chosenId ??
        (match?.kind === "matched" ? match.customer.id : match?.kind === "ambiguous" ? "" : "new"));
  const wanted = wantedDisplayName(data.party);
  const taken = saved?.kind !== "new" && wanted ? await takenDisplayNames(ctx, wanted) : [];
  const prefill = newCustomerPrefill(data.party, saved?.kind === "new" ? saved : undefined, taken);
  return c.html(
    <CustomerStep
      {...frame(ctx, "customer", error)}
      party={data.party}
      match={matchView(match)}
      customers={list}
      truncated={truncated && !query}
      query={query}
      chosen={chosen}
      newCustomer={prefill.fields}
      renamedFrom={prefill.renamedFrom}
    />,
    status,
  );
}

function matchView(match: ReturnType<typeof matchCustomer> | undefined): MatchView | undefined {
  if (!match) return undefined;
  if (match.kind === "matched") return { kind: "matched", by: match.by, name: match.customer.displayName };
  return { kind: match.kind };
}

const NEW_FIELDS = ["displayName", "givenName", "familyName", "companyName", "email", "phone"] as const;
const FIELD_ERRORS: Record<(typeof NEW_FIELDS)[number], MessageKey> = {
  displayName: "wizard.error.displayName",
  givenName: "wizard.error.nameTooLong",
  familyName: "wizard.error.nameTooLong",
  companyName: "wizard.error.nameTooLong",
  email: "wizard.error.email",
  phone: "wizard.error.phone",
};

/** The new customer as posted, checked against QBO's limits; a refusal names the field. */
function postedNewCustomer(
  form: FormData,
  currency: string,
): { refusal: MessageKey } | { customer: Extract<DraftData["customer"], { kind: "new" }> } {
  const posted = Object.fromEntries(
    NEW_FIELDS.map((name) => [name, field(form, `new_${name}`) || undefined]),
  ) as Partial<Record<(typeof NEW_FIELDS)[number], string>>;
  const parsed = newCustomer.safeParse({ ...posted, currency });
  if (!parsed.success) {
    const name = parsed.error.issues[0]?.path[0] as (typeof NEW_FIELDS)[number] | undefined;
    return { refusal: (name && FIELD_ERRORS[name]) || "wizard.error.displayName" };
  }
  const c = parsed.data;
  if (c.displayName.includes(":")) return { refusal: "wizard.error.displayNameColon" };
  if (c.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email)) return { refusal: "wizard.error.email" };
  return { customer: { kind: "new", ...c } };
}

export async function submitCustomer(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const action = field(form, "action");
  // One choice (issue 20): the radio says existing or new; the list's pick counts only for existing.
  const choice = field(form, "kind") === "new" ? "new" : field(form, "customer");
  let customer: DraftData["customer"];
  if (choice === "new") {
    const posted = postedNewCustomer(form, ctx.conn!.homeCurrency);
    // Previous always goes back; only a valid new customer is kept on the way.
    if ("refusal" in posted)
      return action === "previous" ? move(ctx, ctx.data, "source") : refuse(posted.refusal);
    customer = posted.customer;
  } else if (choice) {
    const all = await qboCustomers(ctx);
    const found = all.find((x) => x.id === choice);
    if (!found)
      return action === "previous" ? move(ctx, ctx.data, "source") : refuse("wizard.error.customer");
    customer = { kind: "existing", id: found.id, displayName: found.displayName, currency: found.currency };
  }
  if (action === "previous")
    return move(ctx, { ...ctx.data, customer: customer ?? ctx.data.customer }, "source");
  if (!customer) return refuse("wizard.error.customer");
  return move(ctx, { ...ctx.data, customer }, "products");
}
