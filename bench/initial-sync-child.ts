/**
 * One initial-sync figure in a process of its own, so its peak memory is that run's alone (the
 * other benchmarks, among them the embedded database's, do not count). Prints one JSON line.
 */
import { setFlagsFromString } from "node:v8";

// As bin/ledgerlink.js starts every command (ADR 0043): the figure is what a worker uses.
setFlagsFromString("--optimize-for-size");
const { benchInitialSync } = await import("./initial-sync.ts");

const [direction, records] = process.argv.slice(2);
if (direction !== "to_hubspot" && direction !== "to_qbo") throw new Error("usage: to_hubspot|to_qbo N");
process.stdout.write(`${JSON.stringify(await benchInitialSync(direction, Number(records)))}\n`);
