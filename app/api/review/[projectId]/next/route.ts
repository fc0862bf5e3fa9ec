// POST /api/review/{projectId}/next - claim (or resume) the next artifact to review
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { nextReviewStep } from "@/lib/server/review/review-step";

export const POST = guardRoute({ permission: "review:work", input: z.object({ projectId: z.coerce.number().int().positive() }), body: "json" }, async ({ user, project }) =>
  nextReviewStep(user, project),
);
