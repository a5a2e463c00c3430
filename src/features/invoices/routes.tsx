import { Hono, type Context } from "hono";
import { z } from "zod";
import { isCalendarDate } from "../../lib/dates.ts";
import { verifyToken } from "../../lib/signed-token.ts";
import type { MessageKey } from "../../web/i18n/index.ts";
import { InvoicesPage } from "./pages/invoices.tsx";
import { invoicesCsv } from "./pages/invoices-csv.ts";
import type { AppDeps } from "../../http/context.ts";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { pageProps } from "../overview/index.ts";
import { invoicePdfOf, invoicesPage, queueOverduePass } from "./service.ts";

// Messages are i18n keys (translated in the handler). Empty means "no filter".
const optionalDate = z.string().refine((v) => v === "" || isCalendarDate(v), "invoices.filter.bad.date");
const filterSchema = z.object({
  status: z
    .enum(
      ["", "awaiting_send", "sent", "partially_paid", "paid", "overdue", "voided"],
      "invoices.filter.bad.status",
    )
    .default(""),
  company: z.string().max(100, "invoices.filter.bad.text").default(""),
  customer: z.string().trim().max(100, "invoices.filter.bad.text").default(""),
  deal: z
    .string()
    .regex(/^(\d{1,20})?$/, "invoices.filter.bad.deal")
    .default(""),
  dueFrom: optionalDate.default(""),
  dueTo: optionalDate.default(""),
});
const EMPTY = { status: "", company: "", customer: "", deal: "", dueFrom: "", dueTo: "" } as const;

/** The Invoices page, the on-demand overdue pass (S5), and the invoice preview (I8). */
export function invoiceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/invoices", requireUser());
  app.use("/invoices.csv", requireUser());
  app.use("/invoices/overdue-pass", requireUser());

  /** The page's filters from the query, shared by the page and its CSV (the file is what is shown). */
  const readFilter = (c: Context<AppEnv>) => {
    const parsed = filterSchema.safeParse(c.req.query());
    const filter = parsed.success ? parsed.data : EMPTY;
    const query = {
      state: filter.status || undefined,
      connectionId: filter.company || undefined,
      customer: filter.customer || undefined,
      dealId: filter.deal || undefined,
      dueFrom: filter.dueFrom || undefined,
      dueTo: filter.dueTo || undefined,
    };
    const reason = parsed.success ? undefined : (parsed.error.issues[0]?.message as MessageKey);
    const error = reason ? c.get("t")("invoices.filter.bad", { reason: c.get("t")(reason) }) : undefined;
    return { filter, query, error };
  };

  app.get("/invoices", async (c) => {
    const t = c.get("t");
    const user = c.get("user")!;
    const { filter, query, error } = readFilter(c);
    const { rows, companies } = await invoicesPage(db, user.portalId, query);
    const flash = c.req.query("overdue") === "queued" ? t("invoices.overdue.queued") : undefined;
    return c.html(
      <InvoicesPage
        {...pageProps(c)}
        rows={rows}
        companies={companies}
        filter={filter}
        flash={flash}
        error={error}
      />,
      error ? 400 : 200,
    );
  });

  app.get("/invoices.csv", async (c) => {
    const { query, error } = readFilter(c);
    // A bad filter never silently exports something else than what was asked.
    if (error) return c.text(error, 400);
    const { rows } = await invoicesPage(db, c.get("user")!.portalId, query);
    const day = deps.clock.now().toISOString().slice(0, 10);
    return c.body(invoicesCsv(c.get("t"), rows), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ledgerlink-invoices-${day}.csv"`,
      "cache-control": "private, no-store",
    });
  });

  app.post("/invoices/overdue-pass", async (c) => {
    const queue = deps.queue;
    if (!queue) return c.text(c.get("t")("invoices.overdue.unavailable"), 503);
    const portalId = c.get("user")!.portalId;
    await queueOverduePass(db, queue, portalId);
    return c.redirect("/invoices?overdue=queued", 303);
  });

  app.get("/invoices/:key/preview", (c) => preview(deps, c));
  return app;
}

/**
 * The invoice's PDF from QBO. Opened from the card (a preview token bound to this invoice) or from
 * the Invoices page (the session); anything else, or another portal's invoice, is not found.
 */
async function preview(deps: AppDeps, c: Context<AppEnv>) {
  const key = c.req.param("key")!;
  const token = c.req.query("t");
  let portalId = c.get("user")?.portalId;
  if (token) {
    const claims = verifyToken(deps.secrets, token, "preview", deps.clock.now());
    if (!claims.ok || claims.value.invoiceKey !== key) return c.text(c.get("t")("embed.invalid"), 401);
    portalId = claims.value.portalId;
  }
  if (!portalId) return c.redirect(`/signin?next=${encodeURIComponent(c.req.path)}`, 302);
  const pdf = await invoicePdfOf(deps, portalId, key);
  if (pdf.kind === "not_found") return c.notFound();
  if (pdf.kind === "failed")
    return c.text(c.get("t")("invoices.preview.failed", { reason: pdf.reason }), 502);
  return c.body(new Uint8Array(pdf.bytes), 200, {
    "content-type": "application/pdf",
    "content-disposition": `inline; filename="${pdf.fileName}"`,
    // A customer's invoice: never kept by a shared cache.
    "cache-control": "private, no-store",
  });
}
