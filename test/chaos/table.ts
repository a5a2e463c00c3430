import type { RunResult } from "./runner.ts";

export interface Row extends RunResult {
  /** The same scenario's fault-free wall time on the same backend. */
  baselineMs?: number;
}

export const TARGETS = { maxRatio: 2, maxResumeMs: 60_000 } as const;

/**
 * Why a row misses the acceptance targets; empty when it meets them all. Faults may at most
 * double the fault-free wall time. A kill has a target of its own, work resumed within 60 s; the
 * time the work stood still after kills (`stillMs`, each such stretch within that target) is left
 * out of the ratio's wall, and everything else (the faults, the work a kill made redo once resumed)
 * stays in (ADR 0045).
 */
export function misses(row: Row): string[] {
  const out: string[] = [];
  if (row.lost > 0) out.push(`${row.lost} lost`);
  if (row.duplicated > 0) out.push(`${row.duplicated} duplicated`);
  if (row.timedOut) out.push("timed out");
  const ratio = movingRatio(row);
  if (ratio !== undefined && row.faults > 0 && ratio > TARGETS.maxRatio)
    out.push(`wall ${ratio.toFixed(1)}× > 2×`);
  if (row.resumeMs !== undefined && row.resumeMs > TARGETS.maxResumeMs) out.push("resumed after > 60 s");
  return out;
}

/** The wall time while work moved (kills' standstills left out), over the fault-free wall. */
export function movingRatio(row: Row): number | undefined {
  return row.baselineMs ? (row.wallMs - row.stillMs) / row.baselineMs : undefined;
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
    "still",
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
      r.kills ? seconds(r.stillMs) : "–",
      problems.length ? `FAIL: ${problems.join(", ")}` : "ok",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
