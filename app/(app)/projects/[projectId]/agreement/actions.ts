"use server";
// Server actions of the agreement dashboard; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/auth/guard";
import { computesInline, refreshAgreement } from "@/lib/server/agreement/agreement-snapshots";

export const recomputeAgreementAction = guardAction({ permission: "stats:read", input: z.object({ projectId: z.coerce.number().int().positive() }) }, async ({ user, input }) => {
  const inline = await computesInline(input.projectId);
  await refreshAgreement(input.projectId, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/agreement`);
  return inline ? "Agreement recomputed." : "Computing agreement; its progress shows below.";
});
