import { createAccount } from "../../server/accounts/create-account";
import { CLI_ACTOR } from "../../server/record-audit";
import { newAccount } from "../../validation/accounts";

/** `cli users add --email E --role R [--password P]`: prints the password when it generated one. */
export async function addUserCommand(opts: { email: string; role: string; password?: string; name?: string }): Promise<number> {
  // parsed here, at the door, like every other entry point: a bad --role is a clear error
  const input = newAccount.parse({ email: opts.email, role: opts.role, password: opts.password, name: opts.name });
  const { account, password } = await createAccount(input, CLI_ACTOR);
  process.stdout.write(`Created ${account.role} ${account.email}${password ? ` with password ${password}` : ""}\n`);
  return 0;
}
