/**
 * The one table `npm run bench` ends with (issue 18 item 4): every figure of the issue, its bound or
 * goal, and their ratio, with the database the run used. Pure: formatting only, tested beside it.
 */
export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles of samples in ms (p95 of 50 samples is the 48th smallest). */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { count: 0, p50: Number.NaN, p95: Number.NaN, max: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
  return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), max: sorted.at(-1)! };
}

export type Figure =
  | {
      kind: "wall";
      name: string;
      wallMs: number;
      /** The least time the vendors' limits allow. */
      boundMs: number;
      /** The highest acceptable wall ÷ bound. */
      goalRatio: number;
    }
  | { kind: "memory"; name: string; mb: number; goalMb: number; note?: string }
  | { kind: "latency"; name: string; ms: Percentiles; goalP95Ms: number }
  | { kind: "skipped"; name: string; why: string };

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "—");

function row(f: Figure): [string, string, string, string, string] {
  switch (f.kind) {
    case "wall": {
      const ratio = f.wallMs / f.boundMs;
      return [
        f.name,
        `${s(f.wallMs)} ÷ ${s(f.boundMs)}`,
        `≤ ${f.goalRatio.toFixed(2)}`,
        ratio.toFixed(2),
        ratio <= f.goalRatio ? "met" : "MISSED",
      ];
    }
    case "memory":
      return [
        f.name,
        `${Math.round(f.mb)} MB${f.note ? ` (${f.note})` : ""}`,
        `< ${f.goalMb} MB`,
        (f.mb / f.goalMb).toFixed(2),
        f.mb < f.goalMb ? "met" : "MISSED",
      ];
    case "latency":
      return [
        f.name,
        `p50 ${ms(f.ms.p50)}, p95 ${ms(f.ms.p95)}, max ${ms(f.ms.max)} over ${f.ms.count}`,
        `p95 ≤ ${f.goalP95Ms} ms`,
        (f.ms.p95 / f.goalP95Ms).toFixed(2),
        f.ms.count >= 50 && f.ms.p95 <= f.goalP95Ms ? "met" : f.ms.count < 50 ? "too few" : "MISSED",
      ];
    case "skipped":
      return [f.name, `not run (${f.why})`, "", "", ""];
  }
}

const escape = (cell: string) => cell.replaceAll("|", "\\|");

/** A Markdown table of the figures, headed by the database they ran on. */
export function formatTable(database: "pglite" | "postgres", figures: readonly Figure[]): string {
  const lines = [
    `Database: ${database === "pglite" ? "embedded (PGlite)" : "PostgreSQL"}`,
    "",
    "| figure | measured | goal | ratio | |",
    "| --- | ---: | ---: | ---: | --- |",
    ...figures.map((f) => `| ${row(f).map(escape).join(" | ")} |`),
  ];
  return lines.join("\n");
}

/** The least time between the starts of two changes in the latency bench (BENCH_LATENCY_EVERY_MS): two a second. */
export const CHANGE_EVERY_MS = Number(process.env.BENCH_LATENCY_EVERY_MS ?? 500);
