import { benchLatency } from "./latency.ts";

// Runs the latency bench in a process of its own; prints its figure as the last JSON line.
const figure = await benchLatency(Number(process.argv[2] ?? 50));
process.stdout.write(`${JSON.stringify(figure)}\n`);
process.exit(0);
