// POST /api/review/{projectId}/verdict - record a verdict on the leased artifact; answers with the next one
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { verdictThenNext } from "@/lib/server/review/review-step";
import { verdictInput } from "@/lib/validation/verdict";

const input = z.object({ projectId: z.coerce.number().int().positive(), verdict: verdictInput });

export const POST = guardRoute({ permission: "review:work", input, body: "json" }, async ({ user, input, project }) => verdictThenNext(user, project, input.verdict));
