// POST /api/adjudicate/{projectId} - a lead's final decision on a disputed artifact
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { assertProjectAccess } from "@/lib/server/projects/assert-project-access";
import { whenWritable } from "@/lib/server/sqlite";

const input = z.object({ projectId: z.coerce.number().int().positive(), adjudication: z.record(z.string(), z.unknown()) });

export const POST = guardRoute({ permission: "adjudicate", input, jsonBody: true }, async ({ user, input }) => {
  assertProjectAccess(user, input.projectId);
  return whenWritable(() => adjudicate(input.projectId, { actorId: user.id, actorLabel: user.email }, input.adjudication as never));
});
