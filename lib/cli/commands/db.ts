import { databaseUrl } from "../../env";
import { migrationStatus } from "../../db/migrate-postgres";
import { ensureDatabase } from "../../server/ensure-database";

/** `cli db status`: the applied migrations and the pending ones; exits 2 when some are pending. */
export async function dbStatusCommand(opts: { json?: boolean }): Promise<number> {
  const status = await migrationStatus(databaseUrl());
  if (opts.json) process.stdout.write(`${JSON.stringify(status)}\n`);
  else {
    for (const m of status.applied) process.stdout.write(`applied  ${m.appliedAt}  ${m.name}\n`);
    for (const name of status.pending) process.stdout.write(`pending  ${name}\n`);
    process.stdout.write(status.pending.length ? `${status.pending.length} pending: \`npm run cli -- db migrate\` (or npm start) applies them.\n` : "Up to date.\n");
  }
  return status.pending.length ? 2 : 0;
}

/** `cli db migrate`: applies the pending migrations and sets up the job queue (npm start and every command do it too). */
export async function dbMigrateCommand(): Promise<number> {
  const applied = await ensureDatabase(databaseUrl());
  process.stdout.write(applied.length ? `Applied ${applied.join(", ")}.\n` : "Up to date: nothing to apply.\n");
  return 0;
}
