import cliProgress from "cli-progress";
import { AppError } from "../errors";
import type { PerformOptions } from "../server/perform-job";
import type { JobRunState } from "../views/jobs";

/**
 * Runs a requested job in this process (the CLI does not wait for a worker), with a progress bar
 * on stderr when it is a terminal. The run's row keeps its progress too, so its page follows it
 * as well. A job that fails throws its recorded error: the command exits non-zero with it.
 */
export async function followJob<R extends JobRunState>(label: string, unit: string, perform: (opts: PerformOptions) => Promise<R>): Promise<R> {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}%{amount}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(100, 0, { amount: "" });
  let run: R;
  try {
    run = await perform({
      observe: (done, total) => {
        if (!bar) return;
        if (total === undefined) return bar.update(Math.round(done * 100), { amount: "" });
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { amount: ` | ${done.toLocaleString("en")} of ${total.toLocaleString("en")} ${unit}` });
      },
    });
  } finally {
    bar?.stop();
  }
  if (run.status === "failed") throw new AppError("conflict", run.error ?? `${label} failed.`);
  return run;
}
