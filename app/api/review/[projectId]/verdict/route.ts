// POST /api/review/{projectId}/verdict - record a verdict on the leased artifact; answers with the next one
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { verdictThenNext } from "@/lib/server/review/review-step";

const input = z.object({ projectId: z.coerce.number().int().positive(), verdict: z.record(z.string(), z.unknown()) });

export const POST = guardRoute({ permission: "review:work", input, jsonBody: true }, async ({ user, input }) =>
  verdictThenNext(user, input.projectId, input.verdict as never),
);
