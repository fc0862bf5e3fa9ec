// POST /api/imports?project=NAME - import the request body (a JSON Lines batch) into a project; leads and admins
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { importUpload } from "@/lib/server/import/import-upload";

const input = z.object({
  project: z.string().trim().min(1, "Choose a project or name a new one").max(200),
  file: z.string().trim().max(300).default("upload.jsonl"),
});

export const POST = guardRoute({ permission: "import:run", input, body: "stream" }, async ({ user, input, req }) => {
  const length = req.headers.get("content-length");
  const result = await importUpload(user, input.project, input.file, req.body, length === null ? null : Number(length));
  return Response.json(result, { status: result.ok ? 200 : 422 });
});
