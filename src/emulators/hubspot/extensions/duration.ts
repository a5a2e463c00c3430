const UNIT_MS = {
  W: 7 * 24 * 3600_000,
  D: 24 * 3600_000,
  H: 3600_000,
  M: 60_000,
  S: 1000,
} as const;

/**
 * An ISO-8601 duration (`P1W`, `P2DT3H`, `PT90M`) in milliseconds. HubSpot's own example,
 * `P1WT1H`, mixes weeks with a time part, which strict ISO forbids, so weeks may combine with
 * anything here. Years and months are refused: their length depends on the calendar.
 */
export function durationMs(text: string): number | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    text.trim(),
  );
  if (!match || text.trim() === "P" || text.trim().endsWith("T")) return undefined;
  const [, w, d, h, m, s] = match;
  const parts: Array<[string | undefined, number]> = [
    [w, UNIT_MS.W],
    [d, UNIT_MS.D],
    [h, UNIT_MS.H],
    [m, UNIT_MS.M],
    [s, UNIT_MS.S],
  ];
  if (parts.every(([value]) => value === undefined)) return undefined;
  return parts.reduce((sum, [value, unit]) => sum + (value ? Number(value) * unit : 0), 0);
}
