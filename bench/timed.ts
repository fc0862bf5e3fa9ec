import { spawnSync } from "node:child_process";

/** Runs a command under /usr/bin/time: its wall time as the parent sees it, its peak RSS, and its standard output. */
export function timed(args: string[], env: Record<string, string> = {}): { seconds: number; peakRssMb: number; out: string } {
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "peak-rss-kb %M", ...args], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr.slice(-2000)}`);
  const kb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]);
  return { seconds, peakRssMb: kb / 1024, out: r.stdout };
}

export const TSX = [process.execPath, "--import", "tsx", "--conditions=react-server"];
