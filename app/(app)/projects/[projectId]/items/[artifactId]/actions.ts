"use server";
// Server actions of the read-only artifact view; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/auth/guard";
import { setGold } from "@/lib/server/items/set-gold";
import { goldInput } from "@/lib/validation/gold";

export const saveGold = guardAction({ permission: "project:manage", input: goldInput }, async ({ user, input }) => {
  const after = await setGold(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/items`);
  return after.isGold ? `Marked as gold: the right answer is ${after.goldDecision}.` : "Not gold.";
});
