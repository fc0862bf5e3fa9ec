import "server-only";
import { z } from "zod";
import { AppError, describeIssues, HTTP_STATUS, toAppError } from "../errors";
import { assertProjectAccess, projectNotFound, type ProjectSettings } from "../server/projects/assert-project-access";
import { authenticateToken, type TokenPrincipal, type TokenScope } from "../server/auth/api-tokens";
import { currentUser, type SessionUser } from "./current-user";
import { assertJson, assertSameOrigin, readJsonBody } from "./request-checks";
import { can, type Permission } from "./roles";

// The one guard. Every route handler, server action and API endpoint is wrapped by one of the
// functions below (pages call lib/auth/guard-page.ts), and each runs the same steps in order:
// authenticate (a session, or an API token for /api/v1); when the input names a project (its schema
// has `projectId`), load the project with the caller's membership (a project the caller may not
// enter is the same 404 as a missing one); check the permission (403); parse the input with zod
// (422); map any error to one answer. So no door can forget the project.

/** The project a door's input names, with the caller's membership; null for doors that name none. */
export type ProjectOf<I> = I extends { projectId: number } ? ProjectSettings : null;

export interface RouteContext<I> {
  user: SessionUser;
  input: I;
  project: ProjectOf<I>;
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
  throw new AppError("invalid_input", describeIssues(parsed.error.issues, { root: "input" }), { fieldErrors });
}

const projectIdOf = z.coerce.number().int().positive();

/** Whether a door's input names a project: its schema is an object with a `projectId` field. */
export function namesProject(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && "projectId" in schema.shape;
}

/**
 * The steps every door shares once the caller is known: the project (if the input names one) with
 * the caller's membership, the permission, then the whole input.
 */
export async function enter<S extends z.ZodType>(user: SessionUser, permission: Permission, schema: S, raw: Record<string, unknown>): Promise<{ input: z.output<S>; project: ProjectOf<z.output<S>> }> {
  let project: ProjectSettings | null = null;
  if (namesProject(schema)) {
    const id = projectIdOf.safeParse(raw.projectId);
    if (!id.success) throw projectNotFound(typeof raw.projectId === "string" || typeof raw.projectId === "number" ? raw.projectId : "");
    project = await assertProjectAccess(user, id.data);
  }
  if (!can(user.role, permission)) throw new AppError("forbidden", `Your role (${user.role}) may not do this.`);
  const input = parseInput(schema, raw);
  if (!project && input !== null && typeof input === "object" && "projectId" in input) {
    throw new Error("A door's input has a projectId its schema does not show (not a plain z.object): the guard could not load the project.");
  }
  return { input, project: project as ProjectOf<z.output<S>> };
}

type Body = "none" | "json" | "stream";

/**
 * Wraps a route handler of the app's own pages: 401 without a session; for a state-changing method,
 * 403 unless the request comes from the app's own origin; with `body: "json"` the body must be
 * application/json (415) within the JSON limit (413), and its fields join the query and the route's
 * params as the input. A `stream` body is left to the handler, which must count what it reads.
 */
export function guardRoute<S extends z.ZodType>(options: { permission: Permission; input: S; body?: Body }, handler: (ctx: RouteContext<z.output<S>>) => Promise<Response | unknown>) {
  return async (req: Request, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in first.");
      assertSameOrigin(req);
      const params = (await segment?.params) ?? {};
      const query = Object.fromEntries(new URL(req.url).searchParams);
      let body: Record<string, unknown> = {};
      if (options.body === "json") {
        assertJson(req);
        body = await readJsonBody(req);
      }
      const { input, project } = await enter(user, options.permission, options.input, { ...query, ...body, ...params });
      const out = await handler({ user, input, project, req, params });
      return out instanceof Response ? out : Response.json(out);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** What a server action tells its form; `secret` is something shown once (a new password or API token). */
export type ActionState = { ok: boolean; message: string; secret?: string; fieldErrors?: Record<string, string[] | undefined> };

/**
 * Wraps a server action used with useActionState: returns `{ ok, message, fieldErrors }`, never
 * throws. (Next itself refuses actions posted from another origin, and caps their bodies at
 * serverActions.bodySizeLimit in next.config.js.)
 */
export function guardAction<S extends z.ZodType>(
  options: { permission: Permission; input: S },
  handler: (ctx: { user: SessionUser; input: z.output<S>; project: ProjectOf<z.output<S>> }) => Promise<string | { message: string; secret: string }>,
) {
  return async (_prev: ActionState | undefined, form: FormData): Promise<ActionState> => {
    try {
      const user = await currentUser();
      if (!user) return { ok: false, message: "Your session has ended; sign in again." };
      const raw = Object.fromEntries([...form].filter(([key]) => !key.startsWith("$ACTION")));
      const { input, project } = await enter(user, options.permission, options.input, raw);
      const out = await handler({ user, input, project });
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
 * a valid one; a bearer token is no ambient credential, so no origin check), its scope (a read token
 * may only read; 403), then the project, the owner's permission and the input as everywhere.
 */
export function guardApi<S extends z.ZodType>(
  options: { scope: TokenScope; permission: Permission; input: S; /** the input's fields other than the path's come as a JSON body */ inputIn?: "query" | "body" },
  handler: (ctx: RouteContext<z.output<S>> & { token: TokenPrincipal }) => Promise<Response | unknown>,
) {
  return async (req: Request, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const token = await authenticateToken(req.headers.get("authorization"));
      if (options.scope === "write" && token.scope !== "write") throw new AppError("forbidden", "This token may only read; use a write token.");
      const params = (await segment?.params) ?? {};
      let rest: Record<string, unknown>;
      if (options.inputIn === "body") {
        // a request has a body when it says so (RFC 9112: Content-Length or Transfer-Encoding); a bare POST is an empty object
        const length = req.headers.get("content-length");
        if (length !== null ? length !== "0" : req.headers.has("transfer-encoding")) assertJson(req);
        rest = await readJsonBody(req, { emptyIsObject: true });
      } else rest = Object.fromEntries(new URL(req.url).searchParams);
      const { input, project } = await enter(token.user, options.permission, options.input, { ...rest, ...params });
      const out = await handler({ user: token.user, input, project, req, params, token });
      return out instanceof Response ? out : Response.json(out);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
