"use server";
// Server actions of the personal API tokens page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { guardAction } from "@/lib/auth/guard";

export const createTokenAction = guardAction(
  { permission: "tokens:own", input: z.object({ name: z.string().trim().min(1, "Give the token a name").max(100), scope: z.enum(["read", "write"]) }) },
  async ({ user, input }) => {
    const { secret } = await createApiToken({ accountId: user.id, name: input.name, scope: input.scope }, { actorId: user.id, actorLabel: user.email });
    revalidatePath("/account/tokens");
    return { message: `Created the ${input.scope} token "${input.name}". Copy it now; it is not shown again:`, secret };
  },
);

export const revokeTokenAction = guardAction({ permission: "tokens:own", input: z.object({ tokenId: z.coerce.number().int().positive() }) }, async ({ user, input }) => {
  await revokeApiToken(input.tokenId, { actorId: user.id, actorLabel: user.email }, user.id);
  revalidatePath("/account/tokens");
  return "Revoked: the pipeline gets 401 with it from now on.";
});
