/**
 * `npm run chaos` (docs/chaos.md): every scenario on each backend, first without faults (the
 * wall-time reference), then with them, and one table. Exits 1 when a row misses a target.
 *
 * CHAOS_RECORDS (default 60), CHAOS_FAULT_RATE (0.3), CHAOS_SEED (1), CHAOS_BACKENDS
 * ("postgres,pglite"), CHAOS_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test),
 * CHAOS_SCENARIOS (comma-separated names; all by default), CHAOS_TIMEOUT_S (240),
 * CHAOS_FAULT_STATUSES (comma-separated; 429,500,503).
 */
import { FAULT_STATUSES } from "./fault-pump.ts";
import { runScenario, type RunOptions, type RunResult } from "./runner.ts";
import { SCENARIOS, scenarioNamed } from "./scenarios.ts";
import { formatTable, misses, type Row } from "./table.ts";

const env = process.env;
const number = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number (got ${raw})`);
  return value;
};
const backends = (env.CHAOS_BACKENDS ?? "postgres,pglite").split(",").map((b) => b.trim());
for (const b of backends)
  if (b !== "postgres" && b !== "pglite") throw new Error(`CHAOS_BACKENDS: unknown ${b}`);
const scenarios = env.CHAOS_SCENARIOS
  ? env.CHAOS_SCENARIOS.split(",").map((s) => scenarioNamed(s.trim()))
  : SCENARIOS;
const base = {
  serverUrl: env.CHAOS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  records: number("CHAOS_RECORDS", 60),
  seed: number("CHAOS_SEED", 1),
  timeoutMs: number("CHAOS_TIMEOUT_S", 240) * 1000,
  log: (line: string) => process.stderr.write(`${line}\n`),
};
const faultRate = number("CHAOS_FAULT_RATE", 0.3);
const faultStatuses = env.CHAOS_FAULT_STATUSES
  ? env.CHAOS_FAULT_STATUSES.split(",").map((s) => Number(s.trim()))
  : undefined;
for (const s of faultStatuses ?? [])
  if (!Number.isInteger(s) || s < 400 || s > 599)
    throw new Error(`CHAOS_FAULT_STATUSES: ${s} is no error status`);

const rows: Row[] = [];
for (const backend of backends as Array<RunOptions["backend"]>) {
  const baselines = new Map<string, RunResult>();
  for (const scenario of scenarios) {
    let reference = baselines.get(scenario.baseline);
    if (!reference) {
      reference = await runScenario(scenarioNamed(scenario.baseline), {
        ...base,
        backend,
        faultRate: 0,
        kills: 0,
        tokenExpiry: false,
      });
      baselines.set(scenario.baseline, reference);
      rows.push({
        ...reference,
        scenario: `${scenario.baseline} (fault-free)`,
        baselineMs: reference.wallMs,
      });
    }
    // A run that cannot even start (a process that dies at start-up) is a row, not the end of the table.
    const result = await runScenario(scenario, { ...base, backend, faultRate, faultStatuses }).catch(
      (error: unknown) => {
        process.stderr.write(`${scenario.name} on ${backend}: ${String(error)}\n`);
        return {
          ...reference!,
          scenario: scenario.name,
          created: 0,
          lost: reference!.expected,
          timedOut: true,
        };
      },
    );
    rows.push({ ...result, baselineMs: reference.wallMs });
    process.stderr.write(`${formatTable([rows.at(-1)!])}\n`);
  }
}
process.stdout.write(
  `\nChaos: ${base.records} records, ${Math.round(faultRate * 100)} % faults (${(faultStatuses ?? FAULT_STATUSES).join(", ")}), seed ${base.seed}\n${formatTable(rows)}\n`,
);
process.exit(rows.some((r) => misses(r).length > 0) ? 1 : 0);
