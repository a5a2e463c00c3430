import { describe, expect, it } from "vitest";
import { gate } from "../../test/support/gate.ts";
import { eachLimited } from "./limited.ts";

describe("eachLimited", () => {
  it("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      await Promise.resolve();
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("starts nothing after a failure, lets the running calls finish, then throws the first error", async () => {
    const slow = gate();
    const started: number[] = [];
    const finished: number[] = [];
    const run = eachLimited([1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 1) {
        await slow.opened;
        finished.push(n);
        return;
      }
      throw new Error(`item ${n}`);
    });
    await Promise.resolve();
    slow.open();
    await expect(run).rejects.toThrow("item 2");
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([1]);
  });

  it("does nothing for no items", async () => {
    let calls = 0;
    await eachLimited([], 4, async () => void (calls += 1));
    expect(calls).toBe(0);
  });
});
