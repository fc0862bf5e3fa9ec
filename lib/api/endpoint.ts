import type { z } from "zod";
import type { Permission } from "../auth/roles";
import type { TokenScope } from "../server/auth/api-tokens";

/**
 * A route of the pipeline API: its path (OpenAPI style, under /api/v1), the token scope and role
 * permission it needs, the zod schema its input is parsed with (path, then query or JSON body), and
 * what it answers. The route files take their guard options from it and lib/api/openapi.ts writes
 * the OpenAPI document from it.
 */
export interface Endpoint {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  description?: string;
  scope: TokenScope;
  permission: Permission;
  input: z.ZodObject;
  /** where the input's fields other than path parameters travel */
  inputIn: "query" | "body";
  /** a raw request body instead of JSON (the batch upload) */
  rawBody?: { contentType: string; description: string };
  headers?: Record<string, string>;
  /** the success answer: JSON of `schema`, or bytes of one of `contentTypes` */
  response: { status: number; description: string; schema?: z.ZodType; contentTypes?: readonly string[] };
  errors: number[];
  /** error statuses that answer with another shape than the usual error */
  errorBodies?: Record<number, { description: string; schema: z.ZodType }>;
}

/** The error statuses most routes can answer. */
export const COMMON_ERRORS = [400, 401, 403, 404, 422, 429];
