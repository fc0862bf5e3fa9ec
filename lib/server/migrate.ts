import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import type { Sqlite } from "./sqlite";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/**
 * Applies the checked-in migrations (prisma/migrations/NAME/migration.sql) that this database has
 * not seen, in name order, each in its own transaction. Kept in-process because `prisma migrate`
 * takes seconds to boot its WebAssembly engine and the CLI and tests migrate on every start.
 * Returns the names it applied.
 */
export function migrate(db: Sqlite, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS "_workbench_migrations" (
    "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`);
  const applied = new Map<string, string>(
    (db.prepare(`SELECT name, checksum FROM "_workbench_migrations"`).all() as { name: string; checksum: string }[]).map(
      (r) => [r.name, r.checksum],
    ),
  );
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const done: string[] = [];
  for (const name of names) {
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const seen = applied.get(name);
    if (seen !== undefined) {
      if (seen !== checksum) throw new Error(`Migration ${name} changed after it was applied; add a new migration instead.`);
      continue;
    }
    db.transaction(() => {
      db.exec(sql);
      db.prepare(`INSERT INTO "_workbench_migrations" (name, checksum, appliedAt) VALUES (?, ?, ?)`).run(
        name,
        checksum,
        new Date().toISOString(),
      );
    })();
    done.push(name);
  }
  return done;
}
