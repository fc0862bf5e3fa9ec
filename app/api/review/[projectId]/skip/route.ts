// POST /api/review/{projectId}/skip - give the leased artifact back; answers with the next one
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { skipThenNext } from "@/lib/server/review/review-step";
import { reviewStepInput } from "@/lib/validation/review-step";

const input = reviewStepInput.extend({ artifactId: z.string().min(1).max(300) });

export const POST = guardRoute({ permission: "review:work", input, body: "json" }, async ({ user, input, project }) => skipThenNext(user, project, input.artifactId, input.dayStart));
