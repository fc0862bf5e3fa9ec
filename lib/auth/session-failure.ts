import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { AppError } from "../errors";

// next-auth answers "no session" whatever its jwt callback throws, so a database that is away
// would sign everyone out of the request (a 401, a redirect to the login page) instead of saying
// it is away. The callback keeps such a failure here; currentUser throws it once next-auth is done.

const failures: AsyncLocalStorage<{ failure: AppError | null }> = ((globalThis as { workbenchSessionFailures?: AsyncLocalStorage<{ failure: AppError | null }> }).workbenchSessionFailures ??=
  new AsyncLocalStorage());

/** Reads a session with `read`, then throws the database failure its callback met, if any. */
export async function throwingDatabaseFailure<T>(read: () => Promise<T>): Promise<T> {
  const store = { failure: null as AppError | null };
  const result = await failures.run(store, read);
  if (store.failure) throw store.failure;
  return result;
}

/** For the jwt callback: keeps a database failure (503, 507) for currentUser, and throws it on to next-auth. */
export function keepDatabaseFailure(e: unknown): never {
  const store = failures.getStore();
  if (store && e instanceof AppError && (e.code === "unavailable" || e.code === "insufficient_storage")) store.failure = e;
  throw e;
}
