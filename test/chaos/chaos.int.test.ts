import { describe, expect, it } from "vitest";
import { runScenario, type RunOptions } from "./runner.ts";
import { scenarioNamed } from "./scenarios.ts";

/**
 * The small version of `npm run chaos` (docs/chaos.md, ADR 0035): real `worker` processes (and
 * `serve` on PostgreSQL) against the emulators in their own process, a handful of records, 30 %
 * faults, and lost/duplicated counted from what the emulators' APIs show.
 *
 * A sample, kept short for `npm test`: the plain pushes on both databases, the two-way edits
 * (agreed baselines) on the embedded one, and the concurrent customers (serialised creation) with
 * two workers on PostgreSQL. Wall-time ratios and kills are for the full `npm run chaos`.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const options = (backend: RunOptions["backend"]): RunOptions => ({
  backend,
  serverUrl: TEST_DATABASE_URL ?? "",
  records: 4,
  faultRate: 0.3,
  seed: 16,
  timeoutMs: 120_000,
});

describe("chaos, small (npm run chaos at a handful of records)", () => {
  it("invoice pushes under 30 % faults on the embedded database: none lost, none doubled", async () => {
    const result = await runScenario(scenarioNamed("invoice-push"), options("pglite"));
    expect(result).toMatchObject({ expected: 4, created: 4, lost: 0, duplicated: 0, timedOut: false });
  }, 240_000);

  it.skipIf(!TEST_DATABASE_URL)(
    "invoice pushes under 30 % faults on PostgreSQL, with serve and worker apart: none lost, none doubled",
    async () => {
      const result = await runScenario(scenarioNamed("invoice-push"), options("postgres"));
      expect(result).toMatchObject({ expected: 4, created: 4, lost: 0, duplicated: 0, timedOut: false });
    },
    240_000,
  );

  it("interleaved two-way edits under 30 % faults on the embedded database: each side ends as the rules say", async () => {
    const result = await runScenario(scenarioNamed("two-way-edits"), options("pglite"));
    expect(result).toMatchObject({ expected: 8, created: 8, lost: 0, duplicated: 0, timedOut: false });
  }, 240_000);

  it.skipIf(!TEST_DATABASE_URL)(
    "two workers creating customers for the same new contacts on PostgreSQL: one customer each",
    async () => {
      const result = await runScenario(scenarioNamed("concurrent-customer-creation"), options("postgres"));
      expect(result).toMatchObject({ expected: 6, created: 6, lost: 0, duplicated: 0, timedOut: false });
    },
    240_000,
  );
});
