"use server";
// Server actions of account management; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/auth/guard";
import { ROLES } from "@/lib/auth/roles";
import { createAccount } from "@/lib/server/accounts/create-account";
import { changeRole, resetPassword, setActive } from "@/lib/server/accounts/manage-accounts";
import { newAccount } from "@/lib/validation/accounts";

const accountId = z.coerce.number().int().positive();
const actor = (user: { id: number; email: string }) => ({ actorId: user.id, actorLabel: user.email });
const done = <T>(value: T) => {
  revalidatePath("/admin/accounts");
  return value;
};

export const createAccountAction = guardAction(
  {
    permission: "accounts:manage",
    input: newAccount.extend({
      password: z
        .literal("")
        .transform(() => undefined)
        .or(newAccount.shape.password),
    }),
  },
  async ({ user, input }) => {
    const { account, password } = await createAccount(input, actor(user));
    return done(password ? { message: `Created ${account.role} ${account.email}. Their password, shown once:`, secret: password } : `Created ${account.role} ${account.email}.`);
  },
);

export const changeRoleAction = guardAction({ permission: "accounts:manage", input: z.object({ accountId, role: z.enum(ROLES) }) }, async ({ user, input }) =>
  done(await changeRole(input.accountId, input.role, actor(user))),
);

export const setActiveAction = guardAction(
  { permission: "accounts:manage", input: z.object({ accountId, active: z.enum(["true", "false"]).transform((v) => v === "true") }) },
  async ({ user, input }) => done(await setActive(input.accountId, input.active, actor(user))),
);

export const resetPasswordAction = guardAction({ permission: "accounts:manage", input: z.object({ accountId }) }, async ({ user, input }) => {
  const { email, password } = await resetPassword(input.accountId, actor(user));
  return done({ message: `New password for ${email} (their sessions ended and their API tokens were revoked), shown once:`, secret: password });
});
