// GET /api/projects/{projectId}/exports/{runId}/files/{name} - one file of a finished export, for the splits page's download links
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { exportFileResponse } from "@/lib/server/splits/export-file-response";

const input = z.object({
  projectId: z.coerce.number().int().positive(),
  runId: z.coerce.number().int().positive(),
  name: z.string().min(1).max(200),
});

export const GET = guardRoute({ permission: "split:manage", input }, async ({ project, input: { runId, name } }) => exportFileResponse(project.id, runId, name));
