import { databaseUrl } from "../../env";
import { backupDatabase } from "../../server/backup/backup-database";
import { restoreDatabase } from "../../server/backup/restore-database";

const progress = (verb: string) => (table: string, rows: number) => process.stderr.write(`${verb} ${table}: ${rows.toLocaleString("en")} rows\n`);

/** `cli backup FILE` */
export async function backupCommand(file: string): Promise<number> {
  const s = await backupDatabase(databaseUrl(), file, progress("saved"));
  process.stdout.write(
    `Wrote ${file}: ${s.tables} tables, ${s.rows.toLocaleString("en")} rows, ${(s.bytes / 1e6).toFixed(1)} MB. \`npm run cli -- restore ${file}\` brings it back into an empty database.\n`,
  );
  return 0;
}

/** `cli restore FILE` */
export async function restoreCommand(file: string): Promise<number> {
  const s = await restoreDatabase(databaseUrl(), file, progress("restored"), (index) => process.stderr.write(`built the index ${index}\n`));
  process.stdout.write(`Restored the backup of ${s.createdAt}: ${s.tables} tables, ${s.rows.toLocaleString("en")} rows.\n`);
  return 0;
}
