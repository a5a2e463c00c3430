import type { Entity } from "../../entities.ts";
import type { Company } from "../../store.ts";
import type { View } from "../view.ts";

export interface RecordProps {
  view: View;
  company: Company;
  record: Entity;
  today: string;
  notice?: string;
  alert?: string;
}

export const recordShell = (
  props: RecordProps,
  tab: "customers" | "items" | "payments" | "estimates",
  title: string,
) => ({
  view: props.view,
  title,
  company: props.company,
  tab,
  notice: props.notice,
  alert: props.alert,
});
