import { ZodError, z } from "zod";

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

/**
 * The one way validation issues are told to people: "path: message" each (the message alone, or
 * `root` before it, where the issue is about the whole value), joined by `separator`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], opts: { root?: string; separator?: string } = {}): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : opts.root ? `${opts.root}: ${i.message}` : i.message)).join(opts.separator ?? "; ");
}

/** Any thrown value as an AppError: zod errors are invalid input (422), unknown errors a generic internal error. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    return new AppError("invalid_input", describeIssues(e.issues), { fieldErrors: z.flattenError(e).fieldErrors });
  }
  return new AppError("internal", "Something went wrong on our side. The error was logged.", undefined, String((e as Error)?.stack ?? e));
}
