import { z } from "zod";
import { HTTP_STATUS } from "../errors";
import { ENDPOINTS, type Endpoint } from "./v1-endpoints";
import { apiError } from "./v1-schemas";

type Json = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: "input" | "output"): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
};

const REASONS: Record<number, string> = Object.fromEntries(Object.entries(HTTP_STATUS).map(([code, status]) => [status, code.replaceAll("_", " ")]));

function operation(name: string, e: Endpoint): Json {
  const input = schemaOf(e.input, "input") as { properties?: Record<string, Json>; required?: string[] };
  const inPath = new Set([...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  const properties = Object.entries(input.properties ?? {});
  const required = new Set(input.required ?? []);
  const parameters: Json[] = properties
    .filter(([key]) => inPath.has(key) || e.inputIn === "query")
    .map(([key, schema]) => {
      const { description, ...rest } = schema as Json;
      return { name: key, in: inPath.has(key) ? "path" : "query", required: inPath.has(key) || (required.has(key) && !("default" in rest)), schema: rest, ...(description ? { description } : {}) };
    });
  for (const [header, description] of Object.entries(e.headers ?? {})) parameters.push({ name: header, in: "header", required: false, description, schema: { type: "string" } });
  const bodyFields = e.inputIn === "body" ? properties.filter(([key]) => !inPath.has(key)) : [];
  const requestBody = e.rawBody
    ? { required: true, description: e.rawBody.description, content: { [e.rawBody.contentType]: { schema: { type: "string" } } } }
    : bodyFields.length
      ? { required: false, content: { "application/json": { schema: { type: "object", properties: Object.fromEntries(bodyFields), additionalProperties: false } } } }
      : undefined;
  const errors = Object.fromEntries(
    // a JSON body can be too large (413) or not JSON (415)
    [...new Set([...e.errors, ...(e.inputIn === "body" && !e.rawBody ? [413, 415] : [])])].sort().map((status) => {
      const special = e.errorBodies?.[status];
      const schema = special ? schemaOf(special.schema, "output") : { $ref: "#/components/schemas/Error" };
      return [String(status), { description: special?.description ?? REASONS[status] ?? "error", content: { "application/json": { schema } } }];
    }),
  );
  return {
    operationId: name,
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    security: [{ bearer: [] }],
    "x-token-scope": e.scope,
    "x-permission": e.permission,
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(e.response.status)]: {
        description: e.response.description,
        content: e.response.schema
          ? { "application/json": { schema: schemaOf(e.response.schema, "output") } }
          : Object.fromEntries((e.response.contentTypes ?? ["application/octet-stream"]).map((type) => [type, { schema: { type: "string", format: "binary" } }])),
      },
      ...errors,
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, written from the endpoint table and its zod schemas. */
export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const [name, e] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
    paths[e.path] = { ...(paths[e.path] ?? {}), [e.method]: operation(name, e) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "HumanLLM Review Workbench pipeline API",
      version: "1",
      description:
        'What the HumanLLM pipeline needs, over HTTP: push batches, tail verdicts, read rules, run exports. Every call takes a personal API token (`Authorization: Bearer ...`, made on the API tokens page or with `npm run cli -- tokens create`); a token acts as its owner with the owner\'s role. Errors are `{ "error": { "code", "message" } }`; 429 comes with `Retry-After`.',
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "a personal API token (hlw_...)" } },
      schemas: { Error: schemaOf(apiError, "output") },
    },
    paths,
  };
}
