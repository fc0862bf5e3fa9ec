// The bare reference for the review bench's event-loop delay: a Node process that does nothing but
// measure its own event loop for SECONDS, beside the app processes. What it shows is the delay the
// machine itself adds (the cores busy with other processes), which no code in the app can remove.
// Usage: loop-probe.ts SECONDS (or until SIGINT)
import { measureLoopDelay } from "./loop-delay";

const stop = measureLoopDelay();
// stopped early (SIGINT: the busy bench's phase ended), it reports what it measured so far
const report = () => process.stdout.write(JSON.stringify(stop()), () => process.exit(0));
process.once("SIGINT", report);
await new Promise((r) => setTimeout(r, Number(process.argv[2]) * 1000));
report();
