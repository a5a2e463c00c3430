import { Hono, type Context } from "hono";
import { parseRuleForm } from "./rule-schema.ts";
import { AutomationFormPage, type RuleFormValues } from "./pages/automations-form.tsx";
import { AutomationsPage } from "./pages/automations.tsx";
import type { AppDeps } from "../../http/context.ts";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { formStrings, newRule, problemText } from "./form.ts";
import { pageProps } from "../overview/index.ts";
import { confirmed } from "../../web/confirm.tsx";
import {
  automationsOverview,
  changeRule,
  createRule,
  editableRule,
  removeRule,
  retryFiring,
  ruleFormContext,
  switchRule,
  type AutomationsServiceDeps,
  type RuleFormContext,
} from "./service.ts";

const FLASHES = {
  saved: "automations.saved",
  deleted: "automations.deleted",
  retried: "automations.retried",
} as const;

/** The Automations page (W3): rules (list, add, edit, delete, on/off) and their firings (retry). */
export function automationRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const service: AutomationsServiceDeps = { ...deps, db };
  const smtp = deps.smtpConfigured ?? false;
  app.use("/automations", requireUser());
  app.use("/automations/*", requireUser());

  app.get("/automations", async (c) => {
    const t = c.get("t");
    const { rules, firings } = await automationsOverview(db, c.get("user")!.portalId);
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

  const parse = (values: RuleFormValues, ctx: RuleFormContext) =>
    parseRuleForm(values, {
      companies: ctx.companies.map((x) => x.connectionId),
      smtp,
      pipelines: "list" in ctx.pipelines ? ctx.pipelines.list.map((p) => p.id) : undefined,
    });
  const form = async (
    c: Context<AppEnv>,
    values: RuleFormValues,
    extra: { ruleId?: string; secret?: string; error?: string },
    ctx?: RuleFormContext,
  ) => {
    const { companies, pipelines } = ctx ?? (await ruleFormContext(service, c.get("user")!.portalId));
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

  app.get("/automations/new", (c) => form(c, newRule(c.get("t")), {}));

  app.post("/automations", async (c) => {
    const portalId = c.get("user")!.portalId;
    const values = formStrings(await c.req.parseBody());
    const ctx = await ruleFormContext(service, portalId);
    const parsed = parse(values, ctx);
    if (!parsed.ok) return form(c, values, { error: problemText(c.get("t"), parsed.error) }, ctx);
    await createRule(service, portalId, parsed.value);
    return c.redirect("/automations?done=saved", 303);
  });

  app.get("/automations/:id/edit", async (c) => {
    const rule = await editableRule(service, c.get("user")!.portalId, c.req.param("id"));
    if (!rule) return c.notFound();
    return form(c, rule.values, { ruleId: rule.ruleId, secret: rule.secret });
  });

  app.post("/automations/:id", async (c) => {
    const portalId = c.get("user")!.portalId;
    const rule = await editableRule(service, portalId, c.req.param("id"));
    if (!rule) return c.notFound();
    const values = formStrings(await c.req.parseBody());
    const ctx = await ruleFormContext(service, portalId);
    const parsed = parse(values, ctx);
    if (!parsed.ok) {
      const error = problemText(c.get("t"), parsed.error);
      return form(c, values, { ruleId: rule.ruleId, secret: rule.secret, error }, ctx);
    }
    await changeRule(service, portalId, rule.ruleId, parsed.value);
    return c.redirect("/automations?done=saved", 303);
  });

  app.post("/automations/:id/toggle", async (c) => {
    const enabled = (await c.req.parseBody()).enabled === "on";
    const found = await switchRule(service, c.get("user")!.portalId, c.req.param("id"), enabled);
    if (!found) return c.notFound();
    return c.redirect(`/automations?toggled=${enabled ? "on" : "off"}`, 303);
  });

  app.post("/automations/:id/delete", async (c) => {
    // Deleting a rule loses it and its history: only the confirm step's button may do it.
    if (!confirmed(await c.req.formData())) {
      const t = c.get("t");
      const { rules, firings } = await automationsOverview(db, c.get("user")!.portalId);
      return c.html(
        <AutomationsPage
          {...pageProps(c)}
          rules={rules}
          firings={firings}
          error={t("automations.delete.unconfirmed")}
        />,
        400,
      );
    }
    if (!(await removeRule(service, c.get("user")!.portalId, c.req.param("id")))) return c.notFound();
    return c.redirect("/automations?done=deleted", 303);
  });

  app.post("/automations/firings/:id/retry", async (c) => {
    const t = c.get("t");
    const portalId = c.get("user")!.portalId;
    const outcome = await retryFiring(service, portalId, c.req.param("id"), c.get("requestId"));
    if (outcome === "not_found") return c.notFound();
    if (outcome === "not_retryable") return c.text(t("automations.notRetryable"), 409);
    if (outcome === "unavailable") return c.text(t("automations.unavailable"), 503);
    return c.redirect("/automations?done=retried", 303);
  });
  return app;
}
