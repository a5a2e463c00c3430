import { Hono, type Context } from "hono";
import type { Database } from "../../db/kysely.ts";
import {
  deleteRule,
  findFiring,
  findRule,
  insertRule,
  listFirings,
  listRules,
  reopenFiring,
  updateRule,
} from "./repo.ts";
import { randomId } from "../../lib/ids.ts";
import { deliverAutomation } from "./jobs.ts";
import { parseRuleForm } from "./rule-schema.ts";
import { AutomationFormPage, type RuleFormValues } from "./pages/automations-form.tsx";
import { AutomationsPage } from "./pages/automations.tsx";
import type { AppDeps } from "../../http/app.tsx";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import {
  dealPipelines,
  formStrings,
  formValuesOf,
  NEW_RULE,
  problemText,
  ruleValues,
  webhookSecret,
} from "./form.ts";
import { pageProps } from "../overview/index.ts";

interface FormContext {
  companies: Array<{ connectionId: string; companyName: string }>;
  pipelines: Awaited<ReturnType<typeof dealPipelines>>;
}

const FLASHES = {
  saved: "automations.saved",
  deleted: "automations.deleted",
  retried: "automations.retried",
} as const;

/** The Automations page (W3): rules (list, add, edit, delete, on/off) and their firings (retry). */
export function automationRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const smtp = deps.smtpConfigured ?? false;
  app.use("/automations", requireUser());
  app.use("/automations/*", requireUser());

  app.get("/automations", async (c) => {
    const t = c.get("t");
    const portalId = c.get("user")!.portalId;
    const companies = await companiesOf(db, portalId);
    const name = new Map(companies.map((x) => [x.connectionId, x.companyName]));
    const rules = (await listRules(db, portalId)).map((r) => ({
      ...r,
      companyName: r.connectionId ? (name.get(r.connectionId) ?? r.connectionId) : null,
    }));
    const firings = (await listFirings(db, portalId)).map((f) => ({
      ...f,
      invoiceNumber: f.docNumber ?? f.qboInvoiceId,
    }));
    const done = c.req.query("done") as keyof typeof FLASHES | undefined;
    const toggled = c.req.query("toggled");
    const flash = done && done in FLASHES ? t(FLASHES[done]) : undefined;
    const stateWord = toggled === "on" ? t("automations.on") : t("automations.off");
    return c.html(
      <AutomationsPage
        {...pageProps(c)}
        rules={rules}
        firings={firings}
        flash={toggled ? t("automations.toggled", { state: stateWord }) : flash}
      />,
    );
  });

  const context = async (portalId: string): Promise<FormContext> => ({
    companies: await companiesOf(db, portalId),
    pipelines: await dealPipelines(db, deps.clients, portalId),
  });
  const parse = (values: RuleFormValues, ctx: FormContext) =>
    parseRuleForm(values, {
      companies: ctx.companies.map((x) => x.connectionId),
      smtp,
      pipelines: "list" in ctx.pipelines ? ctx.pipelines.list.map((p) => p.id) : undefined,
    });
  const form = async (
    c: Context<AppEnv>,
    values: RuleFormValues,
    extra: { ruleId?: string; secret?: string; error?: string },
    ctx?: FormContext,
  ) => {
    const { companies, pipelines } = ctx ?? (await context(c.get("user")!.portalId));
    const page = (
      <AutomationFormPage
        {...pageProps(c)}
        {...extra}
        values={values}
        companies={companies}
        pipelines={pipelines}
        smtp={smtp}
      />
    );
    return c.html(page, extra.error ? 400 : 200);
  };

  app.get("/automations/new", (c) => form(c, NEW_RULE, {}));

  app.post("/automations", async (c) => {
    const portalId = c.get("user")!.portalId;
    const values = formStrings(await c.req.parseBody());
    const ctx = await context(portalId);
    const parsed = parse(values, ctx);
    if (!parsed.ok) return form(c, values, { error: problemText(c.get("t"), parsed.error) }, ctx);
    const ruleId = randomId(9);
    await insertRule(db, portalId, ruleId, ruleValues(parsed.value, ruleId, deps.secrets), deps.clock.now());
    return c.redirect("/automations?done=saved", 303);
  });

  app.get("/automations/:id/edit", async (c) => {
    const rule = await findRule(db, c.get("user")!.portalId, c.req.param("id"));
    if (!rule) return c.notFound();
    return form(c, formValuesOf(rule), { ruleId: rule.ruleId, secret: webhookSecret(rule, deps.secrets) });
  });

  app.post("/automations/:id", async (c) => {
    const portalId = c.get("user")!.portalId;
    const rule = await findRule(db, portalId, c.req.param("id"));
    if (!rule) return c.notFound();
    const values = formStrings(await c.req.parseBody());
    const ctx = await context(portalId);
    const parsed = parse(values, ctx);
    if (!parsed.ok) {
      const secret = webhookSecret(rule, deps.secrets);
      const error = problemText(c.get("t"), parsed.error);
      return form(c, values, { ruleId: rule.ruleId, secret, error }, ctx);
    }
    const next = ruleValues(parsed.value, rule.ruleId, deps.secrets, rule);
    await updateRule(db, portalId, rule.ruleId, next, deps.clock.now());
    return c.redirect("/automations?done=saved", 303);
  });

  app.post("/automations/:id/toggle", async (c) => {
    const enabled = (await c.req.parseBody()).enabled === "on";
    const found = await updateRule(
      db,
      c.get("user")!.portalId,
      c.req.param("id"),
      { enabled },
      deps.clock.now(),
    );
    if (!found) return c.notFound();
    return c.redirect(`/automations?toggled=${enabled ? "on" : "off"}`, 303);
  });

  app.post("/automations/:id/delete", async (c) => {
    if (!(await deleteRule(db, c.get("user")!.portalId, c.req.param("id")))) return c.notFound();
    return c.redirect("/automations?done=deleted", 303);
  });

  app.post("/automations/firings/:id/retry", async (c) => {
    const t = c.get("t");
    const firing = await findFiring(db, c.get("user")!.portalId, c.req.param("id"));
    if (!firing) return c.notFound();
    if (firing.status !== "failed") return c.text(t("automations.notRetryable"), 409);
    const queue = deps.queue;
    if (!queue) return c.text(t("automations.unavailable"), 503);
    const reopened = await db.transaction().execute(async (trx) => {
      if (!(await reopenFiring(trx, firing.portalId, firing.firingId))) return false;
      const requestId = c.get("requestId");
      await queue.enqueue(trx, deliverAutomation, { firingId: firing.firingId }, { requestId });
      return true;
    });
    if (!reopened) return c.text(t("automations.notRetryable"), 409);
    return c.redirect("/automations?done=retried", 303);
  });
  return app;
}

function companiesOf(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "companyName"])
    .where("portalId", "=", portalId)
    .orderBy("createdAt")
    .execute();
}
