import { expect } from "vitest";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import type { Stack } from "./stack.ts";

type Fields = Record<string, string>;

/**
 * Drives the create-invoice wizard over HTTP as the card's iframe would
 * (src/features/invoices/wizard/wizard.int.test.ts): one HubSpot user's wizard on one deal, the draft id
 * carried as the pages carry it.
 */
export function wizardDriver(getStack: () => Stack, db: () => DatabaseHandle, deals: Record<string, string>) {
  /** One HubSpot user's wizard on one deal, as the card's iframe would drive it. */
  const wizard = (dealName: string, hubspotUserId = "1", locale: "en" | "ja" = "en") => {
    const dealId = deals[dealName]!;
    const token = getStack().embedToken("deals", dealId, { hubspotUserId, locale });
    let draftId: string | undefined;
    const params = (extra: Fields = {}) =>
      new URLSearchParams({ t: token, ...(draftId ? { draft: draftId } : {}), ...extra }).toString();
    const w = {
      dealId,
      token,
      draftId: () => draftId!,
      /** Opens the wizard as the card's action does; remembers the draft it lands on. */
      open: async () => {
        const res = await getStack().app.request(`/embed/invoices/new?t=${encodeURIComponent(token)}`);
        draftId =
          new URL(res.headers.get("location") ?? "/", "http://x").searchParams.get("draft") ?? draftId;
        return res;
      },
      get: (step = "", extra: Fields = {}) =>
        getStack().app.request(`/embed/invoices/new${step ? `/${step}` : ""}?${params(extra)}`),
      page: async (step = "", extra: Fields = {}) => (await w.get(step, extra)).text(),
      post: (step: string, fields: Fields) =>
        getStack().app.request(`/embed/invoices/new/${step}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            t: token,
            ...(draftId ? { draft: draftId } : {}),
            ...fields,
          }).toString(),
        }),
      row: () =>
        db()
          .db.selectFrom("invoiceDrafts")
          .selectAll()
          .where("draftId", "=", draftId!)
          .executeTakeFirstOrThrow(),
    };
    return w;
  };
  type Wizard = ReturnType<typeof wizard>;
  const goesTo = (res: Response, step: string) => {
    expect(res.status, alertOf(res)).toBe(303);
    expect(res.headers.get("location")).toMatch(new RegExp(`/embed/invoices/new/${step}\\?`));
  };
  const alertOf = (res: Response) => `answered ${res.status} ${res.headers.get("location") ?? ""}`;
  const alert = (html: string) =>
    /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1]?.replace(/<[^>]+>/g, " ");
  const data = async (w: Wizard) => (await w.row()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  /** Company → scratch → new customer → one product: the draft then waits on the details step. */
  const toDetails = async (w: Wizard, company: "us" | "uk", tax = false) => {
    await w.open();
    goesTo(
      await w.post("company", { connectionId: getStack().companies[company].connectionId, action: "next" }),
      "source",
    );
    goesTo(await w.post("source", { source: "scratch", action: "next" }), "customer");
    goesTo(
      await w.post("customer", { kind: "new", action: "next", new_displayName: `Buyer ${w.dealId}` }),
      "products",
    );
    const page = await w.page("products");
    const item = /name="add_item"[^>]*>\s*<option value="(\d+)"/.exec(page)![1]!;
    goesTo(
      await w.post("products", { add_item: item, add_qty: "2", add_price: "10", action: "add" }),
      "products",
    );
    const fields: Fields = { action: "next" };
    if (tax) {
      const withTax = await w.page("products", { showTax: "1" });
      const code = /name="tax_l1"[^>]*>\s*<option value="">[^<]*<\/option>\s*<option value="(\d+)"/.exec(
        withTax,
      )![1]!;
      fields.tax_l1 = code;
    }
    goesTo(await w.post("products", fields), "details");
  };
  return { wizard, goesTo, alertOf, alert, data, toDetails };
}

export type Wizard = ReturnType<ReturnType<typeof wizardDriver>["wizard"]>;
