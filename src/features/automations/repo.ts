import { sql, type Selectable } from "kysely";
import type { Database } from "../../db/kysely.ts";
import type { AutomationEvent, AutomationRulesTable, FiringStatus } from "../../db/schema/automations.ts";
import { sealedKeyId } from "../../lib/crypto.ts";
import type { SealedStore } from "../../lib/sealed-secrets.ts";
import type { Firing } from "./actions.ts";
import type { FiredInvoice } from "./payload.ts";
import { secretContext, slackUrlContext, type StoredSettings } from "./stored.ts";

export type RuleRow = Selectable<AutomationRulesTable>;

/** A rule as stored: `settings` is the action's JSON (rule-schema.ts). */
export interface RuleValues {
  name: string;
  enabled: boolean;
  event: AutomationEvent;
  action: AutomationRulesTable["action"];
  settings: unknown;
  connectionId: string | null;
  pipelineId: string | null;
  amountMin: string | null;
  amountMax: string | null;
}

export async function listRules(db: Database, portalId: string): Promise<RuleRow[]> {
  return db
    .selectFrom("automationRules")
    .selectAll()
    .where("portalId", "=", portalId)
    .orderBy("createdAt")
    .orderBy("ruleId")
    .execute();
}

export async function findRule(db: Database, portalId: string, ruleId: string) {
  return db
    .selectFrom("automationRules")
    .selectAll()
    .where("portalId", "=", portalId)
    .where("ruleId", "=", ruleId)
    .executeTakeFirst();
}

export async function insertRule(db: Database, portalId: string, ruleId: string, v: RuleValues, now: Date) {
  await db
    .insertInto("automationRules")
    .values({ ...v, ruleId, portalId, settings: JSON.stringify(v.settings), createdAt: now, updatedAt: now })
    .execute();
}

/** Returns false when the portal has no such rule (nothing changed). */
export async function updateRule(
  db: Database,
  portalId: string,
  ruleId: string,
  v: Partial<RuleValues>,
  now: Date,
): Promise<boolean> {
  const { settings, ...rest } = v;
  const res = await db
    .updateTable("automationRules")
    .set({
      ...rest,
      ...(settings === undefined ? {} : { settings: JSON.stringify(settings) }),
      updatedAt: now,
    })
    .where("portalId", "=", portalId)
    .where("ruleId", "=", ruleId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function deleteRule(db: Database, portalId: string, ruleId: string): Promise<boolean> {
  const res = await db
    .deleteFrom("automationRules")
    .where("portalId", "=", portalId)
    .where("ruleId", "=", ruleId)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Enabled rules of a portal for these events whose company and amount filters the invoice meets. */
export async function matchingRules(
  db: Database,
  m: { portalId: string; events: AutomationEvent[]; connectionId: string; amount: number },
) {
  return db
    .selectFrom("automationRules")
    .select(["ruleId", "event"])
    .where("portalId", "=", m.portalId)
    .where("enabled", "=", true)
    .where("event", "in", m.events)
    .where((eb) => eb.or([eb("connectionId", "is", null), eb("connectionId", "=", m.connectionId)]))
    .where((eb) => eb.or([eb("amountMin", "is", null), eb("amountMin", "<=", m.amount.toFixed(2))]))
    .where((eb) => eb.or([eb("amountMax", "is", null), eb("amountMax", ">=", m.amount.toFixed(2))]))
    .orderBy("createdAt")
    .execute();
}

/** Records a firing unless this rule already fired for this invoice and event; true when new. */
export async function insertFiring(
  db: Database,
  f: { firingId: string; ruleId: string; portalId: string; invoiceKey: string; event: AutomationEvent },
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto("automationFirings")
    .values({ ...f, status: "pending", firedAt: now })
    .onConflict((oc) => oc.columns(["ruleId", "invoiceKey", "event"]).doNothing())
    .returning("firingId")
    .executeTakeFirst();
  return row !== undefined;
}

export async function finishFiring(
  db: Database,
  firingId: string,
  outcome: { status: FiringStatus; result: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable("automationFirings")
    .set({ ...outcome, attempts: sql`attempts + 1`, finishedAt: now })
    .where("firingId", "=", firingId)
    .execute();
}

/** Newest first, with the rule's name and the invoice's number, scoped to one portal. */
export async function listFirings(db: Database, portalId: string, limit = 200) {
  return db
    .selectFrom("automationFirings as f")
    .innerJoin("automationRules as r", "r.ruleId", "f.ruleId")
    .innerJoin("invoices as i", "i.invoiceKey", "f.invoiceKey")
    .select(["f.firingId", "f.event", "f.status", "f.attempts", "f.result", "f.firedAt", "f.finishedAt"])
    .select(["r.name as ruleName", "r.action", "i.docNumber", "i.qboInvoiceId"])
    .where("f.portalId", "=", portalId)
    .orderBy("f.firedAt", "desc")
    .orderBy("f.firingId")
    .limit(limit)
    .execute();
}

export async function findFiring(db: Database, portalId: string, firingId: string) {
  return db
    .selectFrom("automationFirings")
    .selectAll()
    .where("portalId", "=", portalId)
    .where("firingId", "=", firingId)
    .executeTakeFirst();
}

/** A failed firing back to pending, for the user's Retry; false when it is not failed (nothing changed). */
export async function reopenFiring(db: Database, portalId: string, firingId: string): Promise<boolean> {
  const res = await db
    .updateTable("automationFirings")
    .set({ status: "pending" })
    .where("portalId", "=", portalId)
    .where("firingId", "=", firingId)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * A firing with what its delivery needs: the rule (name, on/off, action settings, pipeline filter)
 * and the invoice as we store it, so no QBO call is needed to describe it.
 */
export async function loadFiring(db: Database, firingId: string) {
  const row = await db
    .selectFrom("automationFirings as f")
    .innerJoin("automationRules as r", "r.ruleId", "f.ruleId")
    .innerJoin("invoices as i", "i.invoiceKey", "f.invoiceKey")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .select(["f.firingId", "f.ruleId", "f.portalId", "f.event", "f.status", "f.firedAt"])
    .select(["r.name as ruleName", "r.enabled", "r.settings", "r.pipelineId"])
    .select([
      "i.invoiceKey",
      "i.connectionId",
      "i.realmId",
      "i.qboInvoiceId",
      "i.docNumber",
      "i.customerName",
    ])
    .select(["i.currency", "i.totalAmt", "i.balance", "i.txnDate", "i.dueDate", "i.state", "c.companyName"])
    .where("f.firingId", "=", firingId)
    .executeTakeFirst();
  if (!row) return undefined;
  const firing: Firing = {
    firingId: row.firingId,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    event: row.event,
    firedAt: row.firedAt,
    connectionId: row.connectionId,
    settings: row.settings as StoredSettings,
  };
  const invoice: FiredInvoice = row;
  return {
    firing,
    invoice,
    status: row.status,
    enabled: row.enabled,
    pipelineId: row.pipelineId,
    portalId: row.portalId,
  };
}

/**
 * One sealed field of automation rules' settings (`field` of the rules with `action`, sealed with
 * the rule's `context`): re-sealed under a row lock, so an edit of the rule in between is not
 * overwritten.
 */
function sealedSettingStore(
  db: Database,
  spec: { what: string; action: "slack" | "webhook"; field: string; context: (ruleId: string) => string },
): SealedStore {
  const sealedOf = (settings: unknown) => (settings as Record<string, unknown>)[spec.field];
  const rules = (q: Database) =>
    q.selectFrom("automationRules").select(["ruleId", "settings"]).where("action", "=", spec.action);
  return {
    what: spec.what,
    async keyIds() {
      const rows = await rules(db).execute();
      return rows.flatMap((r) => {
        const sealed = sealedOf(r.settings);
        return typeof sealed === "string" ? [sealedKeyId(sealed)] : [];
      });
    },
    async sample() {
      for (const row of await rules(db).execute()) {
        const sealed = sealedOf(row.settings);
        if (typeof sealed === "string") return { sealed, context: spec.context(row.ruleId) };
      }
      return undefined;
    },
    resealBatch: (after, limit, reseal) =>
      db.transaction().execute(async (trx) => {
        let query = rules(trx).orderBy("ruleId").limit(limit).forUpdate();
        if (after !== undefined) query = query.where("ruleId", ">", after);
        const rows = await query.execute();
        const counts = { resealed: 0, current: 0 };
        for (const row of rows) {
          const sealed = sealedOf(row.settings);
          if (typeof sealed !== "string") continue;
          const fresh = reseal({ sealed, context: spec.context(row.ruleId) });
          if (fresh === undefined) {
            counts.current += 1;
            continue;
          }
          counts.resealed += 1;
          const settings = JSON.stringify({ ...(row.settings as object), [spec.field]: fresh });
          await trx
            .updateTable("automationRules")
            .set({ settings })
            .where("ruleId", "=", row.ruleId)
            .execute();
        }
        return { ...counts, last: rows.at(-1)?.ruleId };
      }),
  };
}

/** The signing secrets of webhook rules (`settings.secret`). */
export const webhookSecretStore = (db: Database): SealedStore =>
  sealedSettingStore(db, {
    what: "automation webhook secrets",
    action: "webhook",
    field: "secret",
    context: secretContext,
  });

/** The Slack incoming-webhook URLs of Slack rules (`settings.sealedUrl`, migration 0010). */
export const slackUrlStore = (db: Database): SealedStore =>
  sealedSettingStore(db, {
    what: "automation Slack URLs",
    action: "slack",
    field: "sealedUrl",
    context: slackUrlContext,
  });

/** The portal's enabled rules' destinations, for health notices (notify.ts). */
export async function enabledRuleActions(db: Database, portalId: string) {
  const rows = await db
    .selectFrom("automationRules")
    .select(["ruleId", "settings"])
    .where("portalId", "=", portalId)
    .where("enabled", "=", true)
    .orderBy("createdAt")
    .orderBy("ruleId")
    .execute();
  return rows.map((r) => ({
    ruleId: r.ruleId,
    settings: r.settings as StoredSettings,
  }));
}
