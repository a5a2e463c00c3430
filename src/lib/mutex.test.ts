import { describe, expect, it } from "vitest";
import { gate } from "../../test/support/gate.ts";
import { KeyedMutex, Mutex } from "./mutex.ts";

describe("Mutex", () => {
  it("hands the lock over in the order it was asked for", async () => {
    const mutex = new Mutex();
    const order: number[] = [];
    const first = await mutex.lock();
    const waiting = [1, 2, 3].map(async (n) => {
      const release = await mutex.lock();
      order.push(n);
      release();
    });
    expect(order).toEqual([]);
    first();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });
});

describe("KeyedMutex", () => {
  it("runs one holder of a key at a time, other keys beside it, and forgets a key nobody uses", async () => {
    const locks = new KeyedMutex();
    const held = gate();
    const events: string[] = [];
    const a1 = locks.run("a", async () => {
      events.push("a1 in");
      await held.opened;
      events.push("a1 out");
    });
    const a2 = locks.run("a", async () => {
      events.push("a2 in");
      return "a2";
    });
    const b = locks.run("b", async () => {
      events.push("b in");
      return "b";
    });
    expect(await b).toBe("b");
    expect(events).toEqual(["a1 in", "b in"]);
    held.open();
    expect(await a2).toBe("a2");
    await a1;
    expect(events).toEqual(["a1 in", "b in", "a1 out", "a2 in"]);
    expect(locks.size).toBe(0);
  });

  it("frees the key when the holder throws", async () => {
    const locks = new KeyedMutex();
    await expect(locks.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await locks.run("a", async () => "next")).toBe("next");
    expect(locks.size).toBe(0);
  });
});
