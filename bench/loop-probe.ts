// The bare reference for the review bench's event-loop delay: a Node process that does nothing but
// measure its own event loop for SECONDS, beside the app processes. What it shows is the delay the
// machine itself adds (the cores busy with other processes), which no code in the app can remove.
// Usage: loop-probe.ts SECONDS
import { measureLoopDelay } from "./loop-delay";

const stop = measureLoopDelay();
await new Promise((r) => setTimeout(r, Number(process.argv[2]) * 1000));
process.stdout.write(JSON.stringify(stop()));
