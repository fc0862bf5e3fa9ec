import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "@/lib/api/openapi";

// Holds the pipeline API to its OpenAPI document: every answer the API suites get goes through
// `checkResponse`, which finds the operation of the request, the documented answer for the status,
// the content type, and for JSON validates the body against the document's schema.

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "openapi", components: doc.components }, "openapi");
const compiled = new Map<Schema, ValidateFunction>();

/** Document paths, literal segments before parameters: /rules/current wins over /rules/{version}. */
const routes = Object.keys(doc.paths)
  .map((template) => ({ template, params: (template.match(/\{/g) ?? []).length, re: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`) }))
  .sort((a, b) => a.params - b.params);

/** How many answers were checked, per "METHOD /template status": the suites assert they checked something. */
export const checked = new Map<string, number>();

function validator(schema: Schema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const ref = typeof schema.$ref === "string" ? schema.$ref : null;
    v = ref?.startsWith("#/components/") ? ajv.getSchema(`openapi${ref}`)! : ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Throws, naming the request, unless the answer is what the document promises for it. `path` is the
 * path under /api/v1 (a query string is ignored). Answers of an unknown path must be 404.
 */
export async function checkResponse(method: string, path: string, res: Response): Promise<Response> {
  const bare = path.split("?")[0];
  const what = `${method.toUpperCase()} ${bare} → ${res.status}`;
  const route = routes.find((r) => r.re.test(bare) && doc.paths[r.template][method.toLowerCase()]);
  if (!route) {
    if (res.status !== 404) throw new Error(`${what}: no operation of the OpenAPI document matches this request`);
    return res;
  }
  const documented = doc.paths[route.template][method.toLowerCase()].responses[String(res.status)];
  if (!documented) throw new Error(`${what}: the document lists no ${res.status} answer for ${method.toUpperCase()} ${route.template}`);
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim();
  const content = documented.content ?? {};
  if (!(type in content)) throw new Error(`${what}: served as "${type}", documented as ${Object.keys(content).join(", ") || "no content"}`);
  if (type === "application/json") {
    const body: unknown = await res.clone().json();
    const validate = validator(content[type].schema);
    if (!validate(body)) throw new Error(`${what}: the body does not match the documented schema: ${ajv.errorsText(validate.errors, { dataVar: "body" })}\n${JSON.stringify(body).slice(0, 500)}`);
  }
  const key = `${method.toUpperCase()} ${route.template} ${res.status}`;
  checked.set(key, (checked.get(key) ?? 0) + 1);
  return res;
}

/** fetch() against /api/v1 with a token, every answer checked against the document. */
export function apiClient(baseURL: string, secret: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(secret ? { Authorization: `Bearer ${secret}` } : {}), ...extra });
  const call = async (method: string, p: string, init: RequestInit = {}) =>
    checkResponse(method, p, await fetch(`${baseURL}/api/v1${p}`, { ...init, method, headers: headers(init.headers as Record<string, string>) }));
  return {
    get: (p: string) => call("GET", p),
    post: (p: string, body: string, extra: Record<string, string> = {}) => call("POST", p, { body, headers: extra }),
    /** a JSON body */
    send: (method: "POST" | "PATCH" | "PUT" | "DELETE", p: string, body?: unknown) =>
      call(method, p, body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    call,
  };
}

/** Asserts that a success answer of each named endpoint was checked in this file. */
export function uncheckedEndpoints(names: string[]): string[] {
  const doc2xx = [...checked.keys()].filter((k) => / 2\d\d$/.test(k)).map((k) => k.replace(/ \d+$/, ""));
  return names.filter((name) => {
    const op = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, o]) => ({ key: `${m.toUpperCase()} ${p}`, id: (o as { operationId?: string }).operationId })));
    const key = op.find((o) => o.id === name)?.key;
    return !key || !doc2xx.includes(key);
  });
}
