// npm run db:migration -- NAME
// Writes lib/db/migrations/<timestamp>_NAME.sql, an empty migration in node-pg-migrate's SQL form:
// the statements under "-- Up Migration", their undoing under "-- Down Migration". Migrations run
// in file-name order at start (lib/db/migrate-postgres.ts); `npm run cli -- db status` lists them.
import fs from "node:fs";
import path from "node:path";

const [name] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- NAME   (NAME in snake_case)");
  process.exit(1);
}
const dir = path.join("lib", "db", "migrations");
const last =
  fs
    .readdirSync(dir)
    .map((f) => Number(f.split("_")[0]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
    .pop() ?? 0;
const stamp = Math.max(Date.now(), last + 1); // after every migration already there, whatever the clocks say
const file = path.join(dir, `${stamp}_${name}.sql`);
fs.writeFileSync(file, "-- Up Migration\n\n\n-- Down Migration\n\n");
console.log(`Wrote ${file}: write the change under "-- Up Migration" and its undoing under "-- Down Migration".`);
