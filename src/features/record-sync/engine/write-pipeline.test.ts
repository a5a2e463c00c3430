import { describe, expect, it } from "vitest";
import { WritePipeline } from "./write-pipeline.ts";

/** A send the test answers by hand. */
function pending() {
  let answer!: (value: string) => void;
  const promise = new Promise<string>((resolve) => (answer = resolve));
  return { promise, answer };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("an initial sync's write pipeline (ADR 0044)", () => {
  it("keeps sending past a chunk whose write hangs, and saves in order once it answers", async () => {
    const pipeline = new WritePipeline(2, 8);
    const sends = Array.from({ length: 6 }, pending);
    const saved: string[] = [];
    const save = async (sent: string) => void saved.push(sent);
    let added = 0;
    const adding = (async () => {
      for (const s of sends) {
        await pipeline.add(s.promise, save);
        added += 1;
      }
    })();
    // The first chunk's write hangs; the others answer as soon as they are sent.
    for (let i = 1; i < sends.length; i++) {
      await tick();
      sends[i]!.answer(`chunk ${i}`);
    }
    await adding;
    expect(added).toBe(6); // every chunk was sent while the first still hung
    expect(saved).toEqual([]); // and nothing was saved ahead of it
    sends[0]!.answer("chunk 0");
    await pipeline.saved;
    expect(saved).toEqual(["chunk 0", "chunk 1", "chunk 2", "chunk 3", "chunk 4", "chunk 5"]);
  });

  it("holds the next chunk while as many writes as allowed are in flight, or as many chunks wait to be saved", async () => {
    const pipeline = new WritePipeline(2, 3);
    const [a, b, c] = Array.from({ length: 3 }, pending);
    const save = async () => undefined;
    await pipeline.add(a!.promise, save);
    let roomAfterB = false;
    const addingB = pipeline.add(b!.promise, save).then(() => (roomAfterB = true));
    await tick();
    expect(roomAfterB).toBe(false); // two writes in flight
    b!.answer("b");
    await addingB;
    // a (still hanging), b and c wait to be saved: no room for a fourth until a's save is done.
    c!.answer("c");
    let roomAfterC = false;
    const addingC = pipeline.add(c!.promise, save).then(() => (roomAfterC = true));
    await tick();
    await tick();
    expect(roomAfterC).toBe(false);
    a!.answer("a");
    await addingC;
    expect(roomAfterC).toBe(true);
  });

  it("one write at a time, each saved before the next is sent, when sendsAtOnce and unsavedAtMost are 1", async () => {
    const pipeline = new WritePipeline(1, 1);
    const order: string[] = [];
    for (const name of ["x", "y"]) {
      await pipeline.add(Promise.resolve(name), async (sent) => void order.push(`saved ${sent}`));
      order.push(`added ${name}`);
    }
    expect(order).toEqual(["saved x", "added x", "saved y", "added y"]);
  });

  it("holds a failed save for whoever awaits it next: it is never an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", note);
    try {
      const pipeline = new WritePipeline(4, 16);
      await pipeline.add(Promise.reject(new Error("kill -9")), async () => undefined);
      // The run is busy elsewhere (reading the next page) while the save fails.
      await tick();
      await tick();
      expect(unhandled).toEqual([]);
      await expect(pipeline.saved).rejects.toThrow("kill -9");
    } finally {
      process.off("unhandledRejection", note);
    }
  });
});
