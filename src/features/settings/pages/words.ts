import type { FilterFailure, ReviewItemRow, ReviewReason } from "../../record-sync/index.ts";
import type { MessageKey, Translate } from "../../../web/i18n/index.ts";

/** HubSpot's default lifecycle stages (docs/vendors/hubspot.md §5: the `lifecyclestage` options). */
export const STAGES = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
] as const;

/** A lifecycle stage by its label, as HubSpot shows it; a portal's own stage keeps its value. */
export function stageLabel(t: Translate, value: string): string {
  return (STAGES as readonly string[]).includes(value) ? t(`sync.stage.${value}` as MessageKey) : value;
}

/** A list of words joined the page's way ("Lead or Customer", "リード または 顧客"). */
function either(t: Translate, items: string[]): string {
  return items.join(t("sync.words.or"));
}

/** Why a contact fails the sync filters, in the user's language, naming the stage or the property. */
export function filterFailureText(t: Translate, failure: FilterFailure): string {
  switch (failure.kind) {
    case "stage":
      return failure.stage
        ? t("sync.failure.stage", {
            stage: stageLabel(t, failure.stage),
            allowed: either(
              t,
              failure.allowed.map((s) => stageLabel(t, s)),
            ),
          })
        : t("sync.failure.noStage", {
            allowed: either(
              t,
              failure.allowed.map((s) => stageLabel(t, s)),
            ),
          });
    case "list":
      return t("sync.failure.list", { lists: either(t, failure.lists) });
    case "condition": {
      const c = failure.condition;
      return t("sync.failure.condition", {
        property: c.property,
        condition: `${t(`sync.op.${c.operator}`)}${c.operator === "has_value" || c.operator === "not_has_value" ? "" : ` "${c.value}"`}`,
        value: failure.value?.trim() ? failure.value : t("sync.failure.empty"),
      });
    }
  }
}

const FIELDS = ["email", "firstName", "lastName", "company", "phone", "name", "sku"] as const;

/**
 * Why a record is on the review list, in the user's language: which fields matched and the
 * record's values for them, how many records fit, and whose e-mail contradicts whose.
 */
export function reviewReasonText(
  t: Translate,
  item: Pick<ReviewItemRow, "kind">,
  reason: ReviewReason,
  candidates: Array<{ email?: string }>,
): string {
  if (reason.by === "key" || reason.fields.length === 0) return t("sync.review.why.key");
  const fields = reason.fields
    .map(([f]) => ((FIELDS as readonly string[]).includes(f) ? t(`sync.review.field.${f}` as MessageKey) : f))
    .join(t("sync.words.and"));
  const values = reason.fields.map(([, v]) => v).join(" · ");
  const targets = t(`sync.review.targets.${reason.target}.${item.kind}`);
  switch (reason.why) {
    case "several":
      return t("sync.review.why.several", { count: candidates.length, targets, fields, values });
    case "contradicts":
      return t("sync.review.why.contradicts", {
        targets,
        fields,
        values,
        theirs: candidates[0]?.email ?? t("sync.review.noEmail"),
        mine: reason.email ?? t("sync.review.noEmail"),
      });
    case "linked_elsewhere":
      return t("sync.review.why.linked_elsewhere", { fields, values });
  }
}
