"use server";
// Server actions of the progress dashboard; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/auth/guard";
import { applyTriage } from "@/lib/server/qc/apply-triage";

export const applyTriageAction = guardAction({ permission: "rules:manage", input: z.object({ projectId: z.coerce.number().int().positive() }) }, async ({ user, input }) => {
  const r = applyTriage(input.projectId, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/dashboard`);
  return `Triage with v${r.ruleSetVersion}: ${r.finalized} decided by the rules, ${r.audits} left for an audit, ${r.routed.human} for people, most uncertain first in the queue.`;
});
