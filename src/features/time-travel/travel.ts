import { TRAVEL_DAYS, type TravelDays } from "../../web/demo-banner.tsx";

const DAY_MS = 86_400_000;

/** One of the banner's choices, or undefined: anything else (a typed URL, a stale form) is refused. */
export function parseTravelDays(value: unknown): TravelDays | undefined {
  if (typeof value !== "string" || !/^\d{1,3}$/.test(value)) return undefined;
  const days = Number(value);
  return TRAVEL_DAYS.find((d) => d === days);
}

export const travelMs = (days: TravelDays): number => days * DAY_MS;

/**
 * Where to go after travelling: the page the form was on, when it is a path of ours ("/x", never
 * "//host" or a full URL, which would make the route an open redirect); the home page otherwise.
 */
export function backPath(value: unknown): string {
  if (typeof value !== "string") return "/";
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : "/";
}
