// POST /api/review/{projectId}/verdict - record a verdict on the leased artifact; answers with the next one
import { guardRoute } from "@/lib/auth/guard";
import { verdictThenNext } from "@/lib/server/review/review-step";
import { reviewStepInput } from "@/lib/validation/review-step";
import { verdictInput } from "@/lib/validation/verdict";

const input = reviewStepInput.extend({ verdict: verdictInput });

export const POST = guardRoute({ permission: "review:work", input, body: "json" }, async ({ user, input, project }) => verdictThenNext(user, project, input.verdict, input.dayStart));
