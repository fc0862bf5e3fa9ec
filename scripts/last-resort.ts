// The one place a long-running process (npm start, the web server, a worker) turns a failure nobody
// caught into a sentence with a hint, instead of Node's stack or `undefined`: the stack only under
// DEBUG=1. A database that went away is no reason to die: the pools reconnect once it is back, so
// that failure is told in one line and the process goes on. Anything else ends a worker or npm
// start (their state is unknown; npm start starts another worker), while the web server says so and
// goes on serving, as `next start` does: one request's failure must not take every person's pages.
import { databaseFailure } from "../lib/db/database-failure";
import { describeUnexpected } from "../lib/errors";

export function installLastResort(label: string, opts: { exitOnUnexpected: boolean } = { exitOnUnexpected: true }): void {
  let toldAway = 0;
  const handle = (e: unknown) => {
    if (databaseFailure(e)) {
      // once in a while, not once per job or poll
      if (Date.now() - toldAway > 10_000) console.error(`${label} the database is unavailable (${(e as Error).message}); going on, work resumes once it is back.`);
      toldAway = Date.now();
      return;
    }
    console.error(`${label} ${describeUnexpected(e)}`);
    if (process.env.DEBUG) console.error(e instanceof Error ? e.stack : e);
    if (opts.exitOnUnexpected) process.exit(1);
  };
  process.on("unhandledRejection", handle);
  process.on("uncaughtException", handle);
}
