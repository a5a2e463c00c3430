import { QboFault, type RuleContext } from "../rules/common.ts";
import type { Company } from "../store.ts";
import type { QboWorld } from "../world.ts";
import { FormError } from "./forms.ts";
import type { Translate } from "./i18n.ts";

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs one console action exactly as `POST /v3/company/{realm}/…` runs a write: the same operation
 * (`write`, `send`) under the same rule context, then the same after-steps as the API's middleware —
 * the company's pending changes become webhook notifications and the state file is saved. CDC reads
 * the stored entities and tombstones, so it follows by itself. A refusal (the form's or QuickBooks')
 * comes back as a message; rules check before they store, so a refused action changes nothing.
 */
export function apply<T>(
  world: QboWorld,
  company: Company,
  t: Translate,
  run: (ctx: RuleContext) => T,
): Outcome<T> {
  const ctx = world.context(company);
  try {
    return { ok: true, value: run(ctx) };
  } catch (error) {
    if (error instanceof FormError) return { ok: false, message: t(error.key, error.params) };
    if (error instanceof QboFault) return { ok: false, message: faultMessage(t, error) };
    throw error;
  } finally {
    world.notify(company);
    world.changed();
  }
}

function faultMessage(t: Translate, fault: QboFault): string {
  if (fault.error.code === "5010") return t("err.stale");
  if (fault.error.code === "610") return t("err.notFound");
  return t("err.refused", { detail: fault.error.detail || fault.error.message });
}
