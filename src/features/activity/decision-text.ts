import { hasMessage, type Locale, type MessageKey, type Translate } from "../../web/i18n/index.ts";

/**
 * The sync ledger keeps each decision as the English sentence its feature wrote (logs and tests
 * read it; a key beside it needs a migration: ADR 0037). The Activity page shows it in the page's
 * language through this table: one pattern per sentence the features write, whose named parts fill
 * a catalogue key. English keys produce the stored sentence again (decision-text.test.ts proves
 * the round trip), so the table cannot drift from the writers unnoticed. A sentence no pattern
 * knows is shown as stored.
 */
interface DecisionPattern {
  re: RegExp;
  key: MessageKey;
}

const NUM = String.raw`[^\s:;,()]+`;
const p = (source: string, key: MessageKey): DecisionPattern => ({ re: new RegExp(`^${source}$`), key });
/** A synced record as record-sync names it: "HubSpot contact 12", "Customer Acme Ltd", "QuickBooks Item 5". */
const REC = String.raw`(?:HubSpot (?:contact|company|product)|(?:QuickBooks )?(?:Customer|Item)) .+?`;
const VENDOR = "(?<vendor>HubSpot|QuickBooks)";

export const DECISION_PATTERNS: readonly DecisionPattern[] = [
  // invoices' timeline events (invoices/timeline.ts)
  p(
    String.raw`Invoice (?<number>${NUM}): "(?<kind>\w+)" not written on the timeline of (?<targets>\w+ ${NUM})`,
    "activity.decision.timelineFailed",
  ),
  p(
    String.raw`Invoice (?<number>${NUM}): "(?<kind>\w+)" on the timeline of (?<targets>.+)`,
    "activity.decision.timelineWritten",
  ),
  // record-sync (engine/incremental.ts, engine/initial.ts)
  p(String.raw`(?<subject>${REC}): sync to ${VENDOR} is off`, "activity.decision.syncOff"),
  p(String.raw`(?<subject>${REC}): the rule is "do nothing"`, "activity.decision.ruleNothing"),
  p(String.raw`Could not read the lists of (?<subject>${REC})`, "activity.decision.listsFailed"),
  p(String.raw`Could not read (?<subject>${REC})`, "activity.decision.readFailed"),
  p(
    String.raw`(?<subject>${REC}): its ${VENDOR} record was (?<gone>archived|made inactive)`,
    "activity.decision.targetGone",
  ),
  p(String.raw`(?<subject>${REC}) is not synced: (?<reason>.+)`, "activity.decision.notSynced"),
  p(String.raw`Could not look for (?<subject>${REC}) in ${VENDOR}`, "activity.decision.lookFailed"),
  p(
    String.raw`(?<subject>${REC}): no ${VENDOR} record fits and the rule only updates`,
    "activity.decision.updateOnly",
  ),
  p(String.raw`(?<subject>${REC}): already linked`, "activity.decision.alreadyLinked"),
  p(String.raw`(?<subject>${REC}): sent to review \((?<by>[^)]+)\)`, "activity.decision.sentToReview"),
  p(String.raw`(?<subject>${REC}) linked to (?<target>${REC}) by (?<by>\S+)`, "activity.decision.linkedBy"),
  p(
    String.raw`(?<subject>${REC}) → created (?<target>(?:HubSpot|QuickBooks) \w+ ${NUM})`,
    "activity.decision.createdTarget",
  ),
  p(
    String.raw`Could not create the ${VENDOR} record of (?<subject>${REC})`,
    "activity.decision.createTargetFailed",
  ),
  p(
    String.raw`(?<subject>${REC}) → (?<target>${REC}) \((?<how>linked(?: by \S+)?)\): (?<fields>.+)`,
    "activity.decision.updatedTarget",
  ),
  p(
    String.raw`(?<subject>${REC}): (?<target>${REC}) (?<how>linked(?: by \S+)?), nothing to write \((?<skips>[^)]+)\)`,
    "activity.decision.nothingToWriteWhy",
  ),
  p(
    String.raw`(?<subject>${REC}): (?<target>${REC}) (?<how>linked(?: by \S+)?), nothing to write`,
    "activity.decision.nothingToWrite",
  ),
  p(
    String.raw`set up HubSpot properties \((?<count>\d+) created, the rest already there\)`,
    "activity.decision.setupDone",
  ),
  p(String.raw`set up HubSpot properties`, "activity.decision.setupFailed"),
  p(String.raw`read changes from QuickBooks`, "activity.decision.readChanges"),
  p(
    String.raw`Invoice (?<number>${NUM}) mirrored to HubSpot invoice (?<hubspot>${NUM}) \((?<count>\d+) associations\)`,
    "activity.decision.mirrored",
  ),
  p(String.raw`Could not mirror invoice (?<number>${NUM}) to HubSpot`, "activity.decision.mirrorFailed"),
  p(
    String.raw`Could not archive the HubSpot invoice of (?<number>${NUM})`,
    "activity.decision.archiveFailed",
  ),
  p(
    String.raw`Invoice (?<number>${NUM}) deleted or voided in QuickBooks: its HubSpot invoice is archived \(delete rule\)`,
    "activity.decision.archived",
  ),
  p(
    String.raw`Deal (?<deal>${NUM}): the latest invoice is not in (?<currency>[A-Z]{3}), so the deal's invoice properties are left as they are \(S4\)`,
    "activity.decision.dealOtherCurrency",
  ),
  p(
    String.raw`Could not write the invoice properties of deal (?<deal>${NUM})`,
    "activity.decision.dealWriteFailed",
  ),
  p(
    String.raw`Deal (?<deal>${NUM}): invoice (?<number>${NUM}) is (?<state>.+)`,
    "activity.decision.dealStatus",
  ),
  p(
    String.raw`Deal (?<deal>${NUM}): no live invoice left; invoice properties cleared`,
    "activity.decision.dealCleared",
  ),
  p(
    String.raw`Created invoice (?<number>${NUM}) in QuickBooks from deal (?<deal>${NUM}); left unsent`,
    "activity.decision.created",
  ),
  p(
    String.raw`Could not create the invoice for deal (?<deal>${NUM}); the draft is kept`,
    "activity.decision.createFailed",
  ),
  p(
    String.raw`Created invoice (?<number>${NUM}) in QuickBooks from deal (?<deal>${NUM}) \(workflow action\)`,
    "activity.decision.workflowCreated",
  ),
  p(
    String.raw`The workflow action could not create an invoice for deal (?<deal>${NUM})`,
    "activity.decision.workflowFailed",
  ),
  p(
    String.raw`Could not complete workflow execution (?<callback>${NUM}) in HubSpot`,
    "activity.decision.workflowCallbackFailed",
  ),
  p(
    String.raw`Invoice (?<number>${NUM}): (?<from>[a-z_]+) → (?<to>[a-z_]+) \(due (?<due>${NUM})\)`,
    "activity.decision.overdue",
  ),
  p(
    String.raw`Invoice (?<number>${NUM}) created in QuickBooks: synced to HubSpot \(V1\)`,
    "activity.decision.qboCreated",
  ),
  p(
    String.raw`Invoice (?<number>${NUM}) changed in QuickBooks; still (?<state>[a-z_]+)`,
    "activity.decision.qboUnchanged",
  ),
  p(
    String.raw`Invoice (?<number>${NUM}) changed in QuickBooks: (?<from>[a-z_]+) → (?<to>[a-z_]+)`,
    "activity.decision.qboChanged",
  ),
  p(
    String.raw`Payment (?<id>${NUM}) deleted in QuickBooks; (?<count>\d+) applications? removed`,
    "activity.decision.paymentDeleted",
  ),
  p(String.raw`Payment (?<id>${NUM}) could not be read`, "activity.decision.paymentUnreadable"),
  p(
    String.raw`Payment (?<id>${NUM}) of (?<date>${NUM}): (?<amount>[\d.]+) (?<currency>[A-Z]{3}) applied to (?<count>\d+) invoices?`,
    "activity.decision.paymentApplied",
  ),
  p(
    String.raw`Payment (?<id>${NUM}): an older copy than the one recorded; ignored`,
    "activity.decision.paymentOlder",
  ),
  p(
    String.raw`Read (?<count>\d+) earlier payments?: (?<saved>\d+) recorded, (?<malformed>\d+) malformed and skipped`,
    "activity.decision.backfillMalformed",
  ),
  p(String.raw`Read (?<count>\d+) earlier payments?: (?<saved>\d+) recorded`, "activity.decision.backfill"),
  p(
    String.raw`(?<entity>\w+) (?<id>${NUM}) (?<change>deleted|changed) in QuickBooks; no sync rule applies to it`,
    "activity.decision.qboNoRule",
  ),
  p(
    String.raw`(?<entity>\w+) changed in QuickBooks but could not be read`,
    "activity.decision.qboUnreadable",
  ),
  p(String.raw`(?<entity>\w+) (?<id>${NUM}) could not be read`, "activity.decision.unreadable"),
  p(String.raw`(?<entity>\w+) could not be read`, "activity.decision.unreadableNoId"),
  p(String.raw`(?<event>[\w.]+) made by Ledgerlink itself; not synced back`, "activity.decision.echo"),
  p(
    String.raw`(?<event>[\w.]+) \((?<property>\w+)\) in HubSpot; no sync rule applies to it`,
    "activity.decision.hubspotNoRuleProperty",
  ),
  p(String.raw`(?<event>[\w.]+) in HubSpot; no sync rule applies to it`, "activity.decision.hubspotNoRule"),
];

/** Parts that are words (states, entities, changes) in the page's language; the rest is data. */
function localParts(t: Translate, groups: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    if (value === undefined) continue;
    if (["state", "from", "to"].includes(name)) out[name] = word(t, `card.status.${value}`, value);
    else if (name === "entity") out[name] = word(t, `activity.object.${value.toLowerCase()}`, value);
    else if (name === "change") out[name] = word(t, `activity.change.${value}`, value);
    else if (name === "gone") out[name] = word(t, `activity.gone.${value.replace(" ", "_")}`, value);
    else if (name === "subject" || name === "target") out[name] = recordText(t, value);
    else if (name === "reason") out[name] = filterReasonText(t, value);
    else if (name === "kind") out[name] = word(t, `activity.timeline.${value}`, value);
    else if (name === "targets")
      out[name] = value
        .split(", ")
        .map((target) => target.replace(/^(\w+) /, (_, type: string) => `${objectText(t, type)} `))
        .join(t("activity.list.separator"));
    else if (name === "how")
      out[name] =
        value === "linked" ? t("activity.how.linked") : t("activity.how.linkedBy", { by: value.slice(10) });
    else if (name === "skips")
      out[name] = value.replace(/(\d+) (\w+)/g, (whole, n: string, why: string) =>
        hasMessage(`activity.skip.${why}`) ? t(`activity.skip.${why}` as MessageKey, { count: n }) : whole,
      );
    else out[name] = value;
  }
  return out;
}

const word = (t: Translate, key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);

/** An object type as the ledger stores it ("connection", "contacts"), in the page's language. */
export function objectText(t: Translate, objectType: string): string {
  return word(t, `activity.object.${objectType}`, objectType);
}

/** What started an entry ("timer", "webhook"), in the page's language. */
export function triggerText(t: Translate, trigger: string): string {
  return word(t, `activity.trigger.${trigger}`, trigger);
}

/**
 * The contact filters' reasons (record-sync/filters.ts), inside "is not synced: <reason>": the
 * stages by their labels (settings' lifecycle-stage table), lists and properties as they are.
 */
const FILTER_REASONS: Array<[RegExp, (t: Translate, m: RegExpExecArray) => string]> = [
  [
    /^lifecycle stage "([^"]*)" is not one of (.+)$/,
    (t, m) =>
      t("activity.filter.stage", {
        stage: m[1] === "none" ? t("activity.filter.noStage") : stageLabel(t, m[1]!),
        stages: m[2]!
          .split(", ")
          .map((s) => stageLabel(t, s))
          .join("、"),
      }),
  ],
  [
    /^not a member of list (.+)$/,
    (t, m) => t("activity.filter.list", { lists: m[1]!.split(" or ").join("、") }),
  ],
  [
    /^(\S+) (.+) does not hold$/,
    (t, m) => t("activity.filter.condition", { property: m[1]!, condition: m[2]! }),
  ],
];

const stageLabel = (t: Translate, value: string) => word(t, `sync.stage.${value}`, value);

function filterReasonText(t: Translate, reason: string): string {
  for (const [re, say] of FILTER_REASONS) {
    const m = re.exec(reason);
    if (m) return say(t, m);
  }
  return reason;
}

const RECORD_WORDS: Array<[RegExp, MessageKey]> = [
  [/^HubSpot contact /, "activity.record.hubspotContact"],
  [/^HubSpot company /, "activity.record.hubspotCompany"],
  [/^HubSpot product /, "activity.record.hubspotProduct"],
  [/^(?:QuickBooks )?Customer /, "activity.record.qboCustomer"],
  [/^(?:QuickBooks )?Item /, "activity.record.qboItem"],
];

/** "HubSpot contact 12" → "HubSpot コンタクト 12": the kind in words, the id or name as it is. */
function recordText(t: Translate, record: string): string {
  for (const [re, key] of RECORD_WORDS) if (re.test(record)) return `${t(key)} ${record.replace(re, "")}`;
  return record;
}

/** One stored decision in the page's language; English is shown exactly as stored. */
export function decisionText(t: Translate, locale: Locale, decision: string): string {
  if (locale === "en") return decision;
  // Record-sync joins several rules' decisions with "; ", and a mirror decision may carry a note
  // after one: each part is looked up on its own.
  const whole = translated(t, decision);
  if (whole) return whole;
  const parts = decision.split("; ");
  if (parts.length > 1) return parts.map((part) => translated(t, part) ?? part).join("; ");
  return decision;
}

function translated(t: Translate, sentence: string): string | undefined {
  for (const { re, key } of DECISION_PATTERNS) {
    const m = re.exec(sentence);
    if (m) return t(key, localParts(t, m.groups ?? {}));
  }
  return undefined;
}
