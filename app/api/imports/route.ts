// POST /api/imports?project=NAME - import the request body (a JSON Lines batch) into a project; leads and admins
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { importUpload } from "@/lib/server/import/import-upload";

const input = z.object({
  project: z.string().trim().min(1, "Choose a project or name a new one").max(200),
  file: z.string().trim().max(300).default("upload.jsonl"),
  /** annotators (comma-separated emails) to make members first, so that the file's verdicts of theirs are taken */
  assign: z
    .string()
    .max(10_000)
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email("Assign annotators by their email addresses")).max(1000)),
});

export const POST = guardRoute({ permission: "import:run", input, body: "stream" }, async ({ user, input, req }) => {
  const length = req.headers.get("content-length");
  const result = await importUpload(user, { project: input.project, fileName: input.file, assign: input.assign }, req.body, length === null ? null : Number(length));
  return Response.json(result, { status: result.ok ? 200 : 422 });
});
