import { createAccount } from "../../server/accounts/create-account";
import { CLI_ACTOR } from "../../server/record-audit";

/** `cli users add --email E --role R [--password P]`: prints the password when it generated one. */
export async function addUserCommand(opts: { email: string; role: string; password?: string; name?: string }): Promise<number> {
  const { account, password } = await createAccount({ email: opts.email, role: opts.role as never, password: opts.password, name: opts.name }, CLI_ACTOR);
  process.stdout.write(`Created ${account.role} ${account.email}${password ? ` with password ${password}` : ""}\n`);
  return 0;
}
