import { createApiToken, revokeApiToken, type TokenScope } from "../../auth/api-tokens";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { CLI_ACTOR } from "../../server/record-audit";

/** `cli tokens create --email E --name N [--scope read|write]`: prints the secret, the only time it is shown. */
export async function createTokenCommand(opts: { email: string; name: string; scope: string }): Promise<number> {
  if (opts.scope !== "read" && opts.scope !== "write") throw new AppError("invalid_input", `The scope is read or write, not "${opts.scope}".`);
  const account = await prisma.account.findUnique({ where: { email: opts.email.toLowerCase() } });
  if (!account) throw new AppError("not_found", `No account has the email ${opts.email}.`);
  const token = createApiToken({ accountId: account.id, name: opts.name, scope: opts.scope as TokenScope }, CLI_ACTOR);
  process.stdout.write(`Token ${token.id} (${opts.scope}) for ${account.email}; keep it now, it is not shown again:\n${token.secret}\n`);
  return 0;
}

export async function revokeTokenCommand(opts: { id: number }): Promise<number> {
  revokeApiToken(opts.id, CLI_ACTOR);
  process.stdout.write(`Token ${opts.id} revoked.\n`);
  return 0;
}
