// POST /api/review/{projectId}/undo - take back the last verdict while its lease is live; answers with that artifact
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { undoThenResume } from "@/lib/server/review/review-step";

export const POST = guardRoute({ permission: "review:work", input: z.object({ projectId: z.coerce.number().int().positive() }), body: "json" }, async ({ user, project }) =>
  undoThenResume(user, project),
);
