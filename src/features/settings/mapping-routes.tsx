import { Hono, type Context } from "hono";
import { z } from "zod";
import type { MappingObject } from "../../db/schema/index.ts";
import type { MessageKey } from "../../web/i18n/index.ts";
import { MappingsPage, type MappingsView } from "./pages/mappings.tsx";
import type { AppDeps } from "../../http/context.ts";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { ownConnection } from "../connections/index.ts";
import { pageProps } from "../overview/index.ts";
import {
  createInvoiceProperty,
  MAPPING_OBJECTS,
  mappingsPageData,
  mappingToEdit,
  removeMapping,
  saveMapping,
  type MappingDeps,
} from "./mapping/service.ts";
import type { MappingInput, MappingRefusal } from "./mapping/validate.ts";
import { confirmed } from "../../web/confirm.tsx";

const isObject = (v: string | undefined): v is MappingObject => MAPPING_OBJECTS.includes(v as MappingObject);

const newProperty = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, "name"),
  label: z.string().trim().min(1, "label").max(100, "label"),
  type: z.enum(["string", "number", "date"]),
});

/** M1–M2, P4, V3: list, add, edit and delete mappings; create a HubSpot invoice property. */
export function mappingRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  const service: MappingDeps = { ...deps, db };
  app.use("/mappings", requireUser());
  app.use("/mappings/*", requireUser());

  app.get("/mappings", async (c) => {
    const object = isObject(c.req.query("object")) ? (c.req.query("object") as MappingObject) : "contact";
    const flash = c.req.query("done");
    const flashKey =
      flash && ["added", "updated", "deleted"].includes(flash)
        ? (`mappings.${flash}` as MessageKey)
        : undefined;
    // A pair chosen in the add form's first step: its second step offers only the directions it allows.
    const property = c.req.query("property");
    const field = c.req.query("field");
    const pair = property && field ? { hubspotProperty: property, qboField: field } : undefined;
    return render(c, service, c.req.query("company"), object, {
      flash: flashKey && c.get("t")(flashKey),
      pair,
    });
  });

  app.get("/mappings/:conn/:id/edit", async (c) => {
    const conn = await ownConnection(c, db);
    const editing = conn && (await mappingToEdit(service, c.get("user")!.portalId, conn, c.req.param("id")));
    if (!conn || !editing) return c.notFound();
    return render(c, service, conn, editing.row.object, { editing });
  });

  app.post("/mappings/:conn/:id/delete", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn) return c.notFound();
    // A delete without its confirm step's field (a stray or forged POST) deletes nothing.
    if (!confirmed(await c.req.formData()))
      return render(c, service, conn, "contact", {
        error: c.get("t")("mappings.delete.unconfirmed"),
        status: 400,
      });
    const object = await removeMapping(service, conn, c.req.param("id"));
    if (!object) return c.notFound();
    return c.redirect(`/mappings?company=${conn}&object=${object}&done=deleted`, 303);
  });

  app.post("/mappings/:conn/invoice/property", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn) return c.notFound();
    const t = c.get("t");
    const parsed = newProperty.safeParse(Object.fromEntries((await c.req.formData()).entries()));
    if (!parsed.success) {
      const reason = parsed.error.issues[0]!.path.join(".");
      return render(c, service, conn, "invoice", {
        error: t("mappings.newProperty.bad", { reason }),
        status: 400,
      });
    }
    const created = await createInvoiceProperty(service, c.get("user")!.portalId, parsed.data);
    if (!created.ok)
      return render(c, service, conn, "invoice", {
        error: t("mappings.newProperty.bad", { reason: created.reason }),
        status: created.status,
      });
    return render(c, service, conn, "invoice", {
      flash: t("mappings.newProperty.created", { name: parsed.data.name }),
    });
  });

  app.post("/mappings/:conn/:target", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn) return c.notFound();
    const form = Object.fromEntries((await c.req.formData()).entries()) as Record<string, string>;
    const input = {
      hubspotProperty: String(form.hubspotProperty ?? ""),
      qboField: String(form.qboField ?? ""),
      direction: String(form.direction ?? ""),
    };
    const target = c.req.param("target");
    const saved = await saveMapping(service, c.get("user")!.portalId, conn, target, input);
    if (saved.kind === "not_found") return c.notFound();
    if (saved.kind === "refused") {
      // The form comes back as the user filled it in: the edited mapping, or the chosen pair.
      const editing = MAPPING_OBJECTS.includes(target as MappingObject)
        ? undefined
        : await mappingToEdit(service, c.get("user")!.portalId, conn, target);
      return refuse(c, service, conn, saved.object, saved.refusal, input, editing);
    }
    return c.redirect(`/mappings?company=${conn}&object=${saved.object}&done=${saved.done}`, 303);
  });
  return app;
}

type EditedRow = NonNullable<MappingsView["editing"]>["row"];

function refuse(
  c: Context<AppEnv>,
  deps: MappingDeps,
  conn: string,
  object: MappingObject,
  error: MappingRefusal,
  input: MappingInput,
  editing: MappingsView["editing"] | undefined,
) {
  const t = c.get("t");
  const params = error.directions
    ? { directions: error.directions.map((d) => t(`mappings.flow.${d}`)).join(t("mappings.or")) }
    : error.params;
  const reason = t(error.key as MessageKey, params);
  return render(c, deps, conn, object, {
    error: t("mappings.refused", { reason }),
    status: 400,
    ...(editing
      ? { editing: { ...editing, row: { ...editing.row, ...input } as EditedRow } }
      : {
          pair: { hubspotProperty: input.hubspotProperty, qboField: input.qboField },
          direction: input.direction,
        }),
  });
}

async function render(
  c: Context<AppEnv>,
  deps: MappingDeps,
  wanted: string | undefined,
  object: MappingObject,
  extra: Partial<Pick<MappingsView, "flash" | "error" | "editing" | "direction">> & {
    status?: 200 | 400 | 502;
    pair?: { hubspotProperty: string; qboField: string };
  },
) {
  const { unavailable, ...data } = await mappingsPageData(
    deps,
    c.get("user")!.portalId,
    wanted,
    object,
    extra.pair,
  );
  const hubspotDown = unavailable
    ? c.get("t")("mappings.hubspotUnavailable", { reason: unavailable })
    : undefined;
  return c.html(
    <MappingsPage
      {...pageProps(c)}
      {...data}
      object={object}
      editing={extra.editing}
      direction={extra.direction}
      flash={extra.flash}
      error={extra.error ?? hubspotDown}
    />,
    extra.status ?? 200,
  );
}
