import "server-only";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import { AppError, HTTP_STATUS, toAppError } from "../errors";
import { currentUser, type SessionUser } from "./current-user";
import { authenticateToken, type TokenPrincipal, type TokenScope } from "./api-tokens";
import { can, type Permission } from "./roles";

// The one guard. Every page, route handler and server action goes through one of the wrappers
// below: authenticate (a session, or an API token for /api/v1), check the permission, parse the
// input with zod.

/** For server components: the user, or a redirect to the login page / a 403 page. */
export async function requirePage(permission: Permission, from = "/"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(from)}`);
  if (!can(user.role, permission)) forbidden();
  return user;
}

export interface RouteContext<I> {
  user: SessionUser;
  input: I;
  req: Request;
  params: Record<string, string>;
}

export function errorResponse(e: unknown): Response {
  const err = toAppError(e);
  if (err.code === "internal") console.error(err.internal);
  const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return Response.json(
    { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
    { status: HTTP_STATUS[err.code], headers: retryAfter ? { "Retry-After": String(retryAfter) } : undefined },
  );
}

/** Parses input or throws a 422 AppError listing each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fieldErrors = z.flattenError(parsed.error).fieldErrors;
  throw new AppError("invalid_input", parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "), { fieldErrors });
}

/**
 * Wraps a route handler: 401 without a session, 403 without the permission, 422 on bad input
 * (query parameters merged with route params), errors as `{ error: { code, message } }`.
 */
export function guardRoute<S extends z.ZodType>(
  options: { permission: Permission; input: S; /** also parse a JSON request body into the input */ jsonBody?: boolean },
  handler: (ctx: RouteContext<z.output<S>>) => Promise<Response | unknown>,
) {
  return async (req: Request, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in first.");
      if (!can(user.role, options.permission)) throw new AppError("forbidden", `Your role (${user.role}) may not do this.`);
      const params = (await segment?.params) ?? {};
      const query = Object.fromEntries(new URL(req.url).searchParams);
      const body = options.jsonBody ? await readJsonBody(req) : {};
      const input = parseInput(options.input, { ...query, ...body, ...params });
      const out = await handler({ user, input, req, params });
      return out instanceof Response ? out : Response.json(out);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

const MAX_JSON_BODY = 1 << 20;

async function readJsonBody(req: Request, opts: { emptyIsObject?: boolean } = {}): Promise<Record<string, unknown>> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_JSON_BODY) throw new AppError("payload_too_large", "A JSON request body is at most 1 MB.");
  try {
    const text = await req.text();
    if (opts.emptyIsObject && text.trim() === "") return {};
    const body = JSON.parse(text);
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "The request body must be a JSON object.");
}

/** What a server action tells its form; `secret` is something shown once (a new password or API token). */
export type ActionState = { ok: boolean; message: string; secret?: string; fieldErrors?: Record<string, string[] | undefined> };

/** Wraps a server action used with useActionState: returns `{ ok, message, fieldErrors }`, never throws. */
export function guardAction<S extends z.ZodType>(
  options: { permission: Permission; input: S },
  handler: (ctx: { user: SessionUser; input: z.output<S> }) => Promise<string | { message: string; secret: string }>,
) {
  return async (_prev: ActionState | undefined, form: FormData): Promise<ActionState> => {
    try {
      const user = await currentUser();
      if (!user) return { ok: false, message: "Your session has ended; sign in again." };
      if (!can(user.role, options.permission)) return { ok: false, message: `Your role (${user.role}) may not do this.` };
      const input = parseInput(options.input, Object.fromEntries(form));
      const out = await handler({ user, input });
      return typeof out === "string" ? { ok: true, message: out } : { ok: true, ...out };
    } catch (e) {
      const err = toAppError(e);
      if (err.code === "internal") console.error(err.internal);
      const fieldErrors = (err.details as { fieldErrors?: ActionState["fieldErrors"] } | undefined)?.fieldErrors;
      return { ok: false, message: err.message, fieldErrors };
    }
  };
}

/**
 * Wraps a `/api/v1` route handler for the pipeline: the API token instead of a session (401 without
 * a valid one), its scope (a read token may only read; 403) and its owner's role (403), then the
 * input as guardRoute parses it. Errors are `{ error: { code, message } }` like everywhere.
 */
export function guardApi<S extends z.ZodType>(
  options: { scope: TokenScope; permission: Permission; input: S; /** the input's fields other than the path's come as a JSON body */ inputIn?: "query" | "body" },
  handler: (ctx: RouteContext<z.output<S>> & { token: TokenPrincipal }) => Promise<Response | unknown>,
) {
  return async (req: Request, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const token = authenticateToken(req.headers.get("authorization"));
      if (options.scope === "write" && token.scope !== "write") throw new AppError("forbidden", "This token may only read; use a write token.");
      if (!can(token.user.role, options.permission)) throw new AppError("forbidden", `The token's owner (a ${token.user.role}) may not do this.`);
      const params = (await segment?.params) ?? {};
      const rest = options.inputIn === "body" ? await readJsonBody(req, { emptyIsObject: true }) : Object.fromEntries(new URL(req.url).searchParams);
      const input = parseInput(options.input, { ...rest, ...params });
      const out = await handler({ user: token.user, input, req, params, token });
      return out instanceof Response ? out : Response.json(out);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
