/**
 * One initial-sync figure in a process of its own, so its peak memory is that run's alone (the
 * other benchmarks, among them the embedded database's, do not count). Prints one JSON line.
 */
import { benchInitialSync } from "./initial-sync.ts";

const [direction, records] = process.argv.slice(2);
if (direction !== "to_hubspot" && direction !== "to_qbo") throw new Error("usage: to_hubspot|to_qbo N");
process.stdout.write(`${JSON.stringify(await benchInitialSync(direction, Number(records)))}\n`);
