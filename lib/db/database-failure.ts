// What a failure from the database says about the database itself, whatever query met it: gone
// (killed, restarting, unreachable, out of connections) or out of disk. Pure: it reads the error's
// SQLSTATE, Node's error code and node-postgres's own messages, so the one place that turns an
// unexpected failure into a sentence (toAppError, lib/errors.ts) can say what happened and what to do.

/** SQLSTATEs of a server that is going, starting, or refusing more connections. */
const UNAVAILABLE_STATES = new Set([
  "57P01", // admin_shutdown: stopped (or its backend terminated) under the query
  "57P02", // crash_shutdown: another backend crashed and the server is resetting
  "57P03", // cannot_connect_now: starting up or shutting down
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "08006", // connection_failure
  "53300", // too_many_connections
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** node-postgres's own words for a connection that broke or never came */
const BROKEN_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable|terminating connection due to)/;

export type DatabaseFailure = "unavailable" | "disk_full" | null;

export function databaseFailure(e: unknown): DatabaseFailure {
  if (typeof e !== "object" || e === null) return null;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (code === "53100") return "disk_full";
  if (typeof code === "string" && (UNAVAILABLE_STATES.has(code) || NETWORK_CODES.has(code))) return "unavailable";
  if (typeof message === "string" && BROKEN_CONNECTION.test(message)) return "unavailable";
  // an AggregateError (a connection tried on several addresses) fails as its parts do
  const parts = (e as { errors?: unknown }).errors;
  if (Array.isArray(parts) && parts.length > 0 && parts.every((p) => databaseFailure(p) === "unavailable")) return "unavailable";
  return null;
}

/** Seconds a client is told to wait (Retry-After) before trying a database that is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
