"use server";
// Server actions of the progress dashboard; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/auth/guard";
import { requestTriage } from "@/lib/server/qc/triage-runs";

export const applyTriageAction = guardAction({ permission: "rules:manage", input: z.object({ projectId: z.coerce.number().int().positive() }) }, async ({ user, input }) => {
  // a job for a worker: at a million artifacts triage writes for tens of seconds
  await requestTriage(input.projectId, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/dashboard`);
  return "Triage started; its progress shows below.";
});
