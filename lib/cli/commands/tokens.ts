import { createApiToken, revokeApiToken, type TokenScope } from "../../server/auth/api-tokens";
import { findAccountByEmail } from "../../server/accounts/find-account";
import { AppError } from "../../errors";
import { CLI_ACTOR } from "../../server/record-audit";

/** `cli tokens create --email E --name N [--scope read|write]`: prints the secret, the only time it is shown. */
export async function createTokenCommand(opts: { email: string; name: string; scope: string }): Promise<number> {
  if (opts.scope !== "read" && opts.scope !== "write") throw new AppError("invalid_input", `The scope is read or write, not "${opts.scope}".`);
  const account = await findAccountByEmail(opts.email);
  const token = await createApiToken({ accountId: account.id, name: opts.name, scope: opts.scope as TokenScope }, CLI_ACTOR);
  process.stdout.write(`Token ${token.id} (${opts.scope}) for ${account.email}; keep it now, it is not shown again:\n${token.secret}\n`);
  return 0;
}

export async function revokeTokenCommand(opts: { id: number }): Promise<number> {
  await revokeApiToken(opts.id, CLI_ACTOR);
  process.stdout.write(`Token ${opts.id} revoked.\n`);
  return 0;
}
