// npm run db:migration -- NAME [--from-empty]
// Writes prisma/migrations/<timestamp>_NAME/migration.sql: the SQL that turns the schema at git HEAD
// (or an empty database) into prisma/schema.prisma. `prisma migrate dev` does not work with the JS
// engines (see ../shared/STACK.md), so this wraps the schema-to-schema diff that does, and applies
// the edits Prisma cannot express (below), also to tables it redefines.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Tables keyed by the pipeline's composite keys: one b-tree instead of two per insert. */
const WITHOUT_ROWID = ["SourceUser", "Post", "Artifact", "SplitMember", "ProjectMember"];
/** Append-only tables: rows are never deleted, so rowids only grow without AUTOINCREMENT's bookkeeping. */
const NO_AUTOINCREMENT = ["VerdictEvent", "AuditEvent"];

export function applyHandEdits(sql: string): string {
  return sql.replace(/CREATE TABLE "(new_)?(\w+)" \(([\s\S]*?)\n\);/g, (whole, _prefix: string | undefined, table: string, body: string) => {
    let b = body;
    if (NO_AUTOINCREMENT.includes(table)) b = b.replace("PRIMARY KEY AUTOINCREMENT", "PRIMARY KEY");
    const suffix = WITHOUT_ROWID.includes(table) ? " WITHOUT ROWID" : "";
    return whole.replace(body, b).replace(/\n\);$/, `\n)${suffix};`);
  });
}

function main() {
  const [name, flag] = process.argv.slice(2);
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration -- NAME [--from-empty]   (NAME in snake_case)");
    process.exit(1);
  }
  const from = flag === "--from-empty" ? ["--from-empty"] : ["--from-schema-datamodel", headSchema()];
  fs.mkdirSync("data", { recursive: true }); // the Prisma config opens the database file's folder
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
    console.log("The schema did not change: no migration written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), applyHandEdits(sql));
  console.log(`Wrote ${dir}/migration.sql: review it, then commit it with the schema.`);
}

function headSchema(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.prisma");
  fs.writeFileSync(file, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }));
  return file;
}

if (process.argv[1]?.endsWith("new-migration.ts")) main();
