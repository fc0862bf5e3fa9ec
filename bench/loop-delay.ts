// The event loop's delay as the review bench reports it: a histogram of the time between the
// monitor's timer ticks, less its interval (what a timer waited beyond its due time).
import { monitorEventLoopDelay } from "node:perf_hooks";

const RESOLUTION_MS = 10;

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Starts measuring; the returned function stops and gives the delay in ms. */
export function measureLoopDelay(): () => LoopDelay {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  return () => {
    loop.disable();
    const delay = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    return { p50: delay(loop.percentile(50)), p99: delay(loop.percentile(99)), max: delay(loop.max) };
  };
}
