// POST /api/review/{projectId}/next - claim (or resume) the next artifact to review
import { guardRoute } from "@/lib/auth/guard";
import { nextReviewStep } from "@/lib/server/review/review-step";
import { reviewStepInput } from "@/lib/validation/review-step";

export const POST = guardRoute({ permission: "review:work", input: reviewStepInput, body: "json" }, async ({ user, input, project }) => nextReviewStep(user, project, input.dayStart));
