// POST /api/adjudicate/{projectId} - a lead's final decision on a disputed artifact
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { adjudicationInput } from "@/lib/validation/adjudication";

const input = z.object({ projectId: z.coerce.number().int().positive(), adjudication: adjudicationInput });

export const POST = guardRoute({ permission: "adjudicate", input, body: "json" }, async ({ user, input, project }) =>
  adjudicate(project.id, { actorId: user.id, actorLabel: user.email }, input.adjudication),
);
