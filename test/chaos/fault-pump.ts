import { control, READER_MARK } from "./vendors.ts";

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

const STATUSES = [429, 500, 503] as const;

/**
 * Injects `rate` of the API calls as failures, through the emulators' own `/__emulator/faults`
 * routes. The emulators take rules, not probabilities (a rule fails the next N matching calls), so
 * the pump reads how many API calls each emulator answered since its last look
 * (`/__emulator/requests`) and adds one single-use rule per fault owed: 429, 500 or 503 at random,
 * a quarter of them answered only after `slowMs` (the "slow answers"). Over a run, faults ≈ rate ×
 * calls, spread over the run rather than in one burst. OAuth routes are left alone: the token
 * scenario tests them on purpose.
 */
export function startFaultPump(
  targets: Array<{ url: string; apiPath: string }>,
  opts: { rate: number; seed: number; slowMs?: number; tickMs?: number },
) {
  const random = seeded(opts.seed);
  let posted = 0;
  let stopped = false;
  const owed = targets.map(() => 0);
  const tick = async () => {
    for (const [i, target] of targets.entries()) {
      const api = control(target.url);
      const { requests } = (await api("GET", "/requests")) as {
        requests: Array<{ path: string; query: string }>;
      };
      await api("DELETE", "/requests");
      owed[i]! +=
        requests.filter((r) => r.path.startsWith(target.apiPath) && !r.query.includes(READER_MARK)).length *
        opts.rate;
      while (owed[i]! >= 1) {
        owed[i]! -= 1;
        const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
        const slow = random() < 0.25;
        await api("POST", "/faults", {
          path: `${target.apiPath}*`,
          status,
          times: 1,
          ...(slow ? { delayMs: opts.slowMs ?? 1500 } : {}),
        });
        posted += 1;
      }
    }
  };
  const loop = (async () => {
    if (opts.rate <= 0) return;
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
