// POST /api/review/{projectId}/undo - take back the last verdict while its lease is live; answers with that artifact
import { guardRoute } from "@/lib/auth/guard";
import { undoThenResume } from "@/lib/server/review/review-step";
import { reviewStepInput } from "@/lib/validation/review-step";

export const POST = guardRoute({ permission: "review:work", input: reviewStepInput, body: "json" }, async ({ user, input, project }) => undoThenResume(user, project, input.dayStart));
