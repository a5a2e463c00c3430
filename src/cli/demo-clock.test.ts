import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClockMoveRefused } from "../emulators/kit/index.ts";
import { createDemoClock } from "./demo-clock.ts";

const DAY = 86_400_000;

/** A real time that only moves when the test says (the demo clock runs on it). */
function realTime(start = Date.parse("2026-12-05T09:00:00Z")) {
  let ms = start;
  return { now: () => ms, pass: (by: number) => (ms += by) };
}

const fileIn = () => join(mkdtempSync(join(tmpdir(), "ll-demo-clock-")), "emulators", "clock.json");

describe("the demo's clock (ADR 0025)", () => {
  it("starts at the real time when it has never travelled, and writes nothing until it does", () => {
    const file = fileIn();
    const real = realTime();
    const clock = createDemoClock(file, real.now);
    expect(Math.abs(clock.now().getTime() - real.now())).toBeLessThan(1000);
    expect(existsSync(file)).toBe(false);
  });

  it("keeps how far it travelled, so a restarted demo is still as far ahead", () => {
    const file = fileIn();
    const real = realTime();
    createDemoClock(file, real.now).advance(40 * DAY);
    expect(JSON.parse(readFileSync(file, "utf8")).aheadMs).toBeGreaterThanOrEqual(40 * DAY - 1000);

    real.pass(3 * DAY); // the demo was stopped for three days
    const again = createDemoClock(file, real.now);
    const ahead = again.now().getTime() - real.now();
    expect(Math.abs(ahead - 40 * DAY)).toBeLessThan(2000);
  });

  it("refuses to go back, and an emulator reset keeps its time", () => {
    const file = fileIn();
    const clock = createDemoClock(file);
    clock.advance(DAY);
    const travelled = clock.now().getTime();
    expect(() => clock.advance(-DAY)).toThrow(ClockMoveRefused);
    expect(() => clock.set(new Date(travelled - 2 * DAY))).toThrow(/only moves forward/);
    clock.reset();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(travelled);
  });

  it.each([
    ["not JSON", "{"],
    ["a negative offset", JSON.stringify({ aheadMs: -5 })],
    ["another shape", JSON.stringify({ offset: 5 })],
  ])("refuses a clock file holding %s, saying how to start over", (_name, text) => {
    const file = fileIn();
    createDemoClock(file).advance(1); // makes the folder
    writeFileSync(file, text);
    expect(() => createDemoClock(file)).toThrow(/delete it to bring the demo's clock back to the real time/);
  });
});
