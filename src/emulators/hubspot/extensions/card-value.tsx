import type { CardProperty } from "./card-response.ts";
import type { Locale } from "./locale.ts";
import { strings } from "./strings.ts";

/** Only web links are followed from a card's data; anything else (`javascript:`) is shown as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const intlLocale = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

/** Dates arrive as `YYYY-MM-DD`, ISO timestamps or epoch milliseconds; shown in UTC. */
function asDate(value: string): Date | undefined {
  const date = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function formatted(prop: CardProperty, locale: Locale): string {
  const { value } = prop;
  const number = Number(value);
  const numeric = value.trim() !== "" && Number.isFinite(number);
  try {
    switch (prop.dataType) {
      case "CURRENCY":
        return numeric
          ? new Intl.NumberFormat(intlLocale(locale), {
              style: prop.currencyCode ? "currency" : "decimal",
              currency: prop.currencyCode,
              minimumFractionDigits: 2,
            }).format(number)
          : value;
      case "NUMERIC":
        return numeric ? new Intl.NumberFormat(intlLocale(locale)).format(number) : value;
      case "DATE":
      case "DATETIME": {
        const date = asDate(value);
        if (!date) return value;
        return new Intl.DateTimeFormat(intlLocale(locale), {
          dateStyle: "medium",
          ...(prop.dataType === "DATETIME" ? { timeStyle: "short" } : {}),
          timeZone: "UTC",
        }).format(date);
      }
      case "BOOLEAN":
        return value === "true" ? strings(locale).yes : value === "false" ? strings(locale).no : value;
      default:
        return value;
    }
  } catch {
    // An unknown currency code: show the value as sent rather than fail the page.
    return value;
  }
}

/** One property of a card item, shown as HubSpot shows its data type. */
export function CardValue(props: { prop: CardProperty; locale: Locale }) {
  const { prop } = props;
  if (prop.dataType === "STATUS")
    return <span class={`status status-${prop.optionType ?? "DEFAULT"}`}>{prop.value}</span>;
  if (prop.dataType === "EMAIL") return <a href={`mailto:${prop.value}`}>{prop.value}</a>;
  if (prop.dataType === "LINK") {
    const href = safeHref(prop.value);
    const label = prop.linkLabel ?? prop.value;
    return href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {label}
      </a>
    ) : (
      <span>{label}</span>
    );
  }
  return <span>{formatted(prop, props.locale)}</span>;
}
