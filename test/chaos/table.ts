import type { RunResult } from "./runner.ts";

export interface Row extends RunResult {
  /** The same scenario's fault-free wall time on the same backend. */
  baselineMs?: number;
}

export const TARGETS = { maxRatio: 2, maxResumeMs: 60_000 } as const;

/** Why a row misses the acceptance targets; empty when it meets them all. */
export function misses(row: Row): string[] {
  const out: string[] = [];
  if (row.lost > 0) out.push(`${row.lost} lost`);
  if (row.duplicated > 0) out.push(`${row.duplicated} duplicated`);
  if (row.timedOut) out.push("timed out");
  const ratio = row.baselineMs ? row.wallMs / row.baselineMs : undefined;
  if (ratio !== undefined && row.faults > 0 && ratio > TARGETS.maxRatio)
    out.push(`wall ${ratio.toFixed(1)}× > 2×`);
  if (row.resumeMs !== undefined && row.resumeMs > TARGETS.maxResumeMs) out.push("resumed after > 60 s");
  return out;
}

const seconds = (ms: number | undefined) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(1)} s`);

/** The one table `npm run chaos` prints (docs/chaos.md explains each column). */
export function formatTable(rows: Row[]): string {
  const head = [
    "scenario",
    "db",
    "faults",
    "killed",
    "expected",
    "created",
    "lost",
    "dup",
    "wall",
    "× fault-free",
    "resume",
    "verdict",
  ];
  const body = rows.map((r) => {
    const problems = misses(r);
    return [
      r.scenario,
      r.backend,
      String(r.faults),
      String(r.kills),
      String(r.expected),
      String(r.created),
      String(r.lost),
      String(r.duplicated),
      `${seconds(r.wallMs)}${r.timedOut ? "+" : ""}`,
      r.baselineMs ? `${(r.wallMs / r.baselineMs).toFixed(2)}` : "–",
      seconds(r.resumeMs),
      problems.length ? `FAIL: ${problems.join(", ")}` : "ok",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
