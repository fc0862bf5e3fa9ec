import { openApiDocument } from "@/lib/api/openapi";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, public like any API description (it
// holds no data). Written from the same zod schemas the routes validate their input with.
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(openApiDocument());
}
