import { control } from "./vendors.ts";

/** A small seeded generator (mulberry32): the same seed injects the same faults in the same order. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FAULT_STATUSES = [429, 500, 503] as const;
/** Rules kept posted ahead of the calls, per emulator: enough for a tick's worth of calls. */
const AHEAD = 12;

/**
 * Injects `rate` of the API calls as failures, through the emulators' own `/__emulator/faults`
 * routes. The emulators take rules, not probabilities: a rule with `skip: k` lets k matching calls
 * through, then fails one, and only the first pending rule counts. So the pump keeps a queue of
 * single-use rules posted ahead, each with a geometric `skip` (P(k) = (1 − rate)^k × rate): every
 * call then fails with probability `rate`, independently of the calls before it, which is what
 * "30 % of the answers are faults" means. (Counting calls and posting one fault per 1/rate of
 * them made the faults come in runs: a tick's faults, or a first phase's, failed the next calls
 * one after another, and four in a row exhaust a call's retries.) Each fault is 429, 500 or 503
 * at random, a quarter of them answered only after `slowMs` (the "slow answers"). OAuth routes
 * are left alone: the token scenario tests them on purpose. The reader's calls draw from the same
 * queue; a fault it meets it retries, and is counted in `faults` like any other.
 */
export function startFaultPump(
  targets: Array<{ url: string; apiPath: string }>,
  opts: { rate: number; seed: number; slowMs?: number; tickMs?: number; statuses?: readonly number[] },
) {
  const statuses = opts.statuses ?? FAULT_STATUSES;
  const random = seeded(opts.seed);
  const rate = Math.min(1, opts.rate);
  let posted = 0;
  let stopped = false;
  const skip = () => (rate >= 1 ? 0 : Math.floor(Math.log(1 - random()) / Math.log(1 - rate)));
  const tick = async () => {
    for (const target of targets) {
      const api = control(target.url);
      const { faults } = (await api("GET", "/faults")) as { faults: unknown[] };
      for (let n = faults.length; n < AHEAD; n++) {
        const status = statuses[Math.floor(random() * statuses.length)]!;
        const slow = random() < 0.25;
        await api("POST", "/faults", {
          path: `${target.apiPath}*`,
          status,
          times: 1,
          skip: skip(),
          ...(slow ? { delayMs: opts.slowMs ?? 1500 } : {}),
        });
        posted += 1;
      }
    }
  };
  const loop = (async () => {
    if (rate <= 0) return;
    while (!stopped) {
      await tick().catch(() => undefined); // the pump must never end the run
      await new Promise((r) => setTimeout(r, opts.tickMs ?? 150));
    }
  })();
  return {
    /** Stops injecting, clears what is left and returns how many faults were actually served. */
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      let unserved = 0;
      for (const target of targets) {
        const api = control(target.url);
        unserved += ((await api("GET", "/faults")) as { faults: unknown[] }).faults.length;
        await api("DELETE", "/faults");
      }
      return posted - unserved;
    },
  };
}
