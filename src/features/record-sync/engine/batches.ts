import type { VendorError } from "../../../connectors/http-client.ts";
import { eachLimited } from "../../../lib/limited.ts";
import { err, ok, type Result } from "../../../lib/result.ts";

export const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Runs calls with at most `width` in flight: the rate budget spaces them, and each call's own
 * latency overlaps the wait. The first failure stops new calls; those in flight finish.
 */
export async function inFlight<T>(
  items: T[],
  width: number,
  run: (item: T) => Promise<Result<void, VendorError>>,
): Promise<Result<void, VendorError>> {
  let failure: VendorError | undefined;
  const stop = new Error("a call failed");
  try {
    await eachLimited(items, width, async (item) => {
      const res = await run(item);
      if (res.ok) return;
      failure ??= res.error;
      throw stop;
    });
  } catch (error) {
    if (error !== stop) throw error;
  }
  return failure ? err(failure) : ok(undefined);
}
