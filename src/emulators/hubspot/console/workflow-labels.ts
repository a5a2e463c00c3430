import type { HsWorkflowAction } from "../contract.ts";
import type { Locale } from "../extensions/locale.ts";

/** An action's name in the visitor's language, else English, else any it has. */
export function actionName(action: HsWorkflowAction, locale: Locale): string {
  return (
    action.names[locale] ?? action.names.en ?? Object.values(action.names)[0] ?? `Action ${action.actionId}`
  );
}

export function fieldLabel(field: HsWorkflowAction["inputFields"][number], locale: Locale): string {
  return field.labels[locale] ?? field.labels.en ?? field.name;
}
