import { hasMessage, type Translate } from "../../web/i18n/index.ts";

/**
 * A HubSpot lifecycle stage by its label, not its internal value (ADR 0037). HubSpot's default
 * stages are named from our table in both languages, the labels HubSpot itself shows in English and
 * Japanese (docs/vendors/hubspot.md, "Lifecycle stages"); a portal's custom stage has no entry and
 * is shown by its value.
 */
export function lifecycleStageLabel(t: Translate, value: string): string {
  const key = `sync.stage.${value}`;
  return hasMessage(key) ? t(key) : value;
}
