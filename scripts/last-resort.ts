// The one place a long-running process (npm start, the web server, a worker) turns a failure nobody
// caught into a sentence with a hint, instead of Node's stack or `undefined`: the stack only under
// DEBUG=1. A database that went away is no reason to die: the pools reconnect once it is back, so
// that failure is told in one line and the process goes on. Anything else ends a worker or npm
// start (their state is unknown; npm start starts another worker), while the web server says so and
// goes on serving, as `next start` does: one request's failure must not take every person's pages.
import { inspect } from "node:util";
import { databaseFailure } from "../lib/db/database-failure";

export function describeUnexpected(e: unknown): string {
  const message = e instanceof Error ? e.message || e.name : e === undefined ? "a failure with no description" : inspect(e, { depth: 1, breakLength: Infinity });
  return `unexpected failure: ${message}. Run again with DEBUG=1 for the details.`;
}

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
