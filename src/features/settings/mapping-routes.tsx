import { Hono, type Context } from "hono";
import { z } from "zod";
import { hubspotPropertiesApi, type HubSpotPropertyInfo } from "../../connectors/hubspot/properties.ts";
import type { Database } from "../../db/kysely.ts";
import {
  deleteMapping,
  findMapping,
  insertMapping,
  listMappings,
  updateMapping,
} from "./repo/field-mappings.ts";
import { findPortal } from "../connections/index.ts";
import { listQboConnections } from "../connections/index.ts";
import type { MappingObject } from "../../db/schema/index.ts";
import { compatibility } from "./mapping/compat.ts";
import { qboField } from "./mapping/qbo-fields.ts";
import { HUBSPOT_OBJECT_OF, validateMapping, type MappingRefusal } from "./mapping/validate.ts";
import { ensureSyncSetup } from "./setup.ts";
import type { MessageKey } from "../../web/i18n/index.ts";
import { MappingsPage, type MappingsView } from "./pages/mappings.tsx";
import type { AppDeps } from "../../http/app.tsx";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { ownConnection } from "../connections/index.ts";
import { pageProps } from "../overview/index.ts";

const OBJECTS: MappingObject[] = ["contact", "product", "invoice"];
const isObject = (v: string | undefined): v is MappingObject => OBJECTS.includes(v as MappingObject);

const newProperty = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, "name"),
  label: z.string().trim().min(1, "label").max(100, "label"),
  type: z.enum(["string", "number", "date"]),
});

/** M1–M2, P4, V3: list, add, edit and delete mappings; create a HubSpot invoice property. */
export function mappingRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/mappings", requireUser());
  app.use("/mappings/*", requireUser());

  app.get("/mappings", async (c) => {
    const object = isObject(c.req.query("object")) ? (c.req.query("object") as MappingObject) : "contact";
    const flash = c.req.query("done");
    const flashKey =
      flash && ["added", "updated", "deleted"].includes(flash)
        ? (`mappings.${flash}` as MessageKey)
        : undefined;
    return render(c, db, deps, c.req.query("company"), object, { flash: flashKey && c.get("t")(flashKey) });
  });

  app.get("/mappings/:conn/:id/edit", async (c) => {
    const conn = await ownConnection(c, db);
    const row = conn && (await findMapping(db, conn, c.req.param("id")));
    if (!conn || !row) return c.notFound();
    const props = await hubspotProperties(c, deps, row.object);
    const property = props.ok ? props.value.find((p) => p.name === row.hubspotProperty) : undefined;
    const field = qboField(row.object, row.qboField);
    const compat = property && field ? compatibility(row.object, property, field) : undefined;
    const directions = compat?.ok ? compat.directions : [row.direction];
    return render(c, db, deps, conn, row.object, { editing: { row, directions } });
  });

  app.post("/mappings/:conn/:id/delete", async (c) => {
    const conn = await ownConnection(c, db);
    const row = conn && (await findMapping(db, conn, c.req.param("id")));
    if (!conn || !row) return c.notFound();
    await deleteMapping(db, conn, row.mappingId);
    return c.redirect(`/mappings?company=${conn}&object=${row.object}&done=deleted`, 303);
  });

  app.post("/mappings/:conn/invoice/property", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn) return c.notFound();
    const t = c.get("t");
    const parsed = newProperty.safeParse(Object.fromEntries((await c.req.formData()).entries()));
    const portal = await findPortal(db, c.get("user")!.portalId);
    if (!parsed.success || !portal || !deps.clients) {
      const reason = parsed.success ? "HubSpot" : parsed.error.issues[0]!.path.join(".");
      return render(c, db, deps, conn, "invoice", {
        error: t("mappings.newProperty.bad", { reason }),
        status: 400,
      });
    }
    const p = parsed.data;
    const res = await hubspotPropertiesApi(deps.clients.hubspot(portal)).createProperty("invoices", {
      name: p.name,
      label: p.label,
      type: p.type,
      fieldType: p.type === "string" ? "text" : p.type,
      groupName: "qbo_invoice",
    });
    if (!res.ok)
      return render(c, db, deps, conn, "invoice", {
        error: t("mappings.newProperty.bad", { reason: res.error }),
        status: 502,
      });
    return render(c, db, deps, conn, "invoice", {
      flash: t("mappings.newProperty.created", { name: p.name }),
    });
  });

  app.post("/mappings/:conn/:target", async (c) => {
    const conn = await ownConnection(c, db);
    const target = c.req.param("target");
    const existing = conn && !isObject(target) ? await findMapping(db, conn, target) : undefined;
    const object = isObject(target) ? target : existing?.object;
    if (!conn || !object) return c.notFound();
    const form = Object.fromEntries((await c.req.formData()).entries()) as Record<string, string>;
    const props = await hubspotProperties(c, deps, object);
    const refuse = (error: MappingRefusal) =>
      render(c, db, deps, conn, object, {
        error: c.get("t")("mappings.refused", { reason: c.get("t")(error.key as MessageKey, error.params) }),
        status: 400,
      });
    if (!props.ok)
      return refuse({
        key: "mappings.refuse.unknownProperty",
        params: { name: String(form.hubspotProperty ?? "") },
      });
    const valid = validateMapping(object, props.value, {
      hubspotProperty: String(form.hubspotProperty ?? ""),
      qboField: String(form.qboField ?? ""),
      direction: String(form.direction ?? ""),
    });
    if (!valid.ok) return refuse(valid.error);
    const now = deps.clock.now();
    await ensureSyncSetup(db, conn, now);
    if (existing) {
      const clash = (await listMappings(db, conn, object)).some(
        (m) =>
          m.mappingId !== existing.mappingId &&
          m.hubspotProperty === valid.value.hubspotProperty &&
          m.qboField === valid.value.qboField,
      );
      if (clash) return refuse({ key: "mappings.refuse.duplicate" });
      await updateMapping(db, conn, existing.mappingId, valid.value, now);
      return c.redirect(`/mappings?company=${conn}&object=${object}&done=updated`, 303);
    }
    if (!(await insertMapping(db, conn, { object, ...valid.value, isDefault: false }, now)))
      return refuse({ key: "mappings.refuse.duplicate" });
    return c.redirect(`/mappings?company=${conn}&object=${object}&done=added`, 303);
  });
  return app;
}

async function hubspotProperties(c: Context<AppEnv>, deps: AppDeps, object: MappingObject) {
  const portal = await findPortal(deps.database.db, c.get("user")!.portalId);
  if (!portal || !deps.clients) return { ok: false as const, error: "HubSpot is not connected" };
  return hubspotPropertiesApi(deps.clients.hubspot(portal)).properties(HUBSPOT_OBJECT_OF[object]);
}

async function render(
  c: Context<AppEnv>,
  db: Database,
  deps: AppDeps,
  wanted: string | undefined,
  object: MappingObject,
  extra: Partial<Pick<MappingsView, "flash" | "error" | "editing">> & { status?: 200 | 400 | 502 },
) {
  const companies = await listQboConnections(db, c.get("user")!.portalId);
  const conn = companies.find((x) => x.connectionId === wanted) ?? companies[0];
  if (conn) await ensureSyncSetup(db, conn.connectionId, deps.clock.now());
  const rows = conn ? await listMappings(db, conn.connectionId, object) : [];
  const props = conn ? await hubspotProperties(c, deps, object) : undefined;
  const unavailable =
    props && !props.ok ? c.get("t")("mappings.hubspotUnavailable", { reason: props.error }) : undefined;
  const properties: HubSpotPropertyInfo[] | undefined = props?.ok ? props.value : undefined;
  return c.html(
    <MappingsPage
      {...pageProps(c)}
      companies={companies}
      connectionId={conn?.connectionId}
      object={object}
      rows={rows}
      properties={properties}
      editing={extra.editing}
      flash={extra.flash}
      error={extra.error ?? unavailable}
    />,
    extra.status ?? 200,
  );
}
