import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { uploadBatch } from "@/lib/server/api/upload-batch";

/** POST /api/v1/projects/{id}/batches: a JSON Lines batch as the body, streamed; 422 with every bad line. */
export const POST = guardApi(ENDPOINTS.uploadBatch, async ({ user, input, req }) => {
  const length = req.headers.get("content-length");
  const result = await uploadBatch(user, input, { body: req.body, contentLength: length === null ? null : Number(length), idempotencyKey: req.headers.get("idempotency-key") });
  const { triage: _, ...body } = result;
  return Response.json(body, { status: result.ok ? 200 : 422 });
});
