import { decideDetails, followedDueDate, type DetailsRefusal } from "../details.ts";
import type { MessageKey } from "../../../../web/i18n/index.ts";
import { DetailsStep } from "../pages/details.tsx";
import { frame, neighbour, type WizardCtx } from "./context.ts";
import { field, move, refuse, type Outcome } from "./outcome.tsx";
import { qboTerms } from "../service.ts";

/** I6: terms from QBO, the invoice date (today in the company's time zone until chosen), the due date. */
export async function renderDetails(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const terms = await qboTerms(ctx);
  const { data } = ctx;
  const shown = {
    ...data,
    invoiceDate: data.invoiceDate ?? ctx.today,
    dueDate: data.dueDate ?? data.invoiceDate ?? ctx.today,
  };
  return ctx.c.html(<DetailsStep {...frame(ctx, "details", error)} data={shown} terms={terms} />, status);
}

const ERRORS: Record<DetailsRefusal, MessageKey> = {
  term: "wizard.error.term",
  date: "wizard.error.date",
  dueBeforeInvoice: "wizard.error.dueBeforeInvoice",
  message: "wizard.error.message",
};

/**
 * `GET …/due-date?termId&invoiceDate`: the due date the terms give, for the page's script
 * (progressive enhancement: without it, "Update due date" posts the form and the step answers).
 */
export async function dueDateAnswer(ctx: WizardCtx): Promise<Response> {
  const { c } = ctx;
  const query = { termId: c.req.query("termId") ?? "", invoiceDate: c.req.query("invoiceDate") ?? "" };
  const due = followedDueDate(query, await qboTerms(ctx), ctx.today);
  if (!due.ok) return c.json({ error: c.get("t")(ERRORS[due.error]) }, 400);
  return c.json({ dueDate: due.value });
}

export async function submitDetails(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const action = field(form, "action");
  const terms = await qboTerms(ctx);
  const decided = decideDetails(
    {
      termId: field(form, "termId"),
      invoiceDate: field(form, "invoiceDate"),
      dueDate: field(form, "dueDate"),
      shownDueDate: field(form, "shownDueDate"),
      message: String(form.get("message") ?? ""),
    },
    terms,
    ctx.today,
    ctx.data,
  );
  if (!decided.ok) return refuse(ERRORS[decided.error]);
  const data = { ...ctx.data, ...decided.value };
  if (action === "refresh") return move(ctx, data, "details");
  return move(ctx, data, action === "previous" ? neighbour(ctx, "details", -1) : "review");
}
