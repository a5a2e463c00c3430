import type { Context } from "hono";
import type { DraftData } from "../draft.ts";
import type { MessageKey } from "../../../../web/i18n/index.ts";
import { RefusalPage } from "../pages/company.tsx";
import type { AppEnv } from "../../../../http/context.ts";
import { saveStep, VendorFailed } from "../service.ts";
import type { Step, WizardCtx } from "./context.ts";

export { VendorFailed };

/** Why a step's POST was refused, as a message for the user. */
export interface Refusal {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What a step's POST decided: go to a step (saved), or show this step again with a refusal. */
export type Outcome = { go: Step; query?: Record<string, string> } | { refuse: Refusal };

export const refuse = (key: MessageKey, params?: Refusal["params"]): Outcome => ({ refuse: { key, params } });

/** A posted field, trimmed; "" when absent. */
export const field = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** Saves `data` and moves to `go`; a submitted draft cannot be changed any more. */
export async function move(
  ctx: WizardCtx,
  data: DraftData,
  go: Step,
  query?: Record<string, string>,
): Promise<Outcome> {
  const saved = await saveStep(ctx, data, go);
  return saved ? { go, query } : refuse("wizard.error.submitted");
}

/** A page that says why the wizard cannot go on, with Done to close HubSpot's window. */
export function refusalPage(
  c: Context<AppEnv>,
  status: 400 | 404 | 409 | 502,
  title: MessageKey,
  lines: Array<MessageKey | [MessageKey, Record<string, string>]>,
  action?: { href: string; label: MessageKey },
) {
  const t = c.get("t");
  const text = lines.map((l) => (Array.isArray(l) ? t(l[0], l[1]) : t(l)));
  const link = action ? { href: action.href, label: t(action.label) } : undefined;
  return c.html(
    <RefusalPage t={t} locale={c.get("locale")} title={t(title)} lines={text} action={link} />,
    status,
  );
}

/** The wizard's "Reconnect": the Connections page, where a company is reconnected (ADR 0033). */
export const RECONNECT_ACTION = { href: "/connections", label: "wizard.reconnect.action" } as const;

/** Which vendor failed and why, in plain words: a revoked grant means reconnecting in Ledgerlink. */
export function vendorFailure(c: Context<AppEnv>, failure: VendorFailed) {
  const { vendor, error } = failure;
  if (error.kind === "auth" || error.kind === "forbidden")
    return refusalPage(
      c,
      502,
      "wizard.reconnect.title",
      [["wizard.error.vendorAuth", { vendor }], "wizard.reconnect.howto"],
      RECONNECT_ACTION,
    );
  return refusalPage(c, 502, "wizard.error.vendorTitle", [
    ["wizard.error.vendor", { vendor, reason: error.message }],
    "wizard.error.vendorRetry",
  ]);
}
