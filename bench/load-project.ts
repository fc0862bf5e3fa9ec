// Shared set-up of the benchmarks: a fresh database with one project loaded by the real importer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";

export interface BenchProject {
  dir: string;
  databaseUrl: string;
  projectId: number;
  artifacts: number;
  verdicts: number;
}

/**
 * Creates a database in a new temporary folder, a project with the given settings and annotator
 * accounts, and imports a demo batch of about `artifacts` artifacts (nine per demo user); when
 * `verdictsBy` names annotators, the batch carries their verdicts too.
 */
export async function loadBenchProject(opts: {
  name: string;
  artifacts: number;
  seed: string;
  annotators?: number;
  verdictsBy?: string[];
  settings?: { overlap?: number; goldRate?: number };
}): Promise<BenchProject & { annotatorIds: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${opts.name}-`));
  const databaseUrl = `file:${path.join(dir, `${opts.name}.db`)}`;
  process.env.DATABASE_URL = databaseUrl;
  const { openSqlite, sqlDate } = await import("../lib/server/sqlite");
  const { migrate } = await import("../lib/server/migrate");
  const { importBatch } = await import("../lib/server/import/import-batch");
  const db = openSqlite(databaseUrl);
  migrate(db);
  const now = sqlDate(new Date());
  const projectId = Number(
    db.prepare(`INSERT INTO Project (name, overlap, goldRate, updatedAt) VALUES ('bench', ?, ?, ?)`).run(opts.settings?.overlap ?? 2, opts.settings?.goldRate ?? 0, now).lastInsertRowid,
  );
  const emails = [...Array.from({ length: opts.annotators ?? 0 }, (_, i) => `bench${i}@example.org`), ...(opts.verdictsBy ?? [])];
  const annotatorIds = [...new Set(emails)].map((email) => {
    const id = Number(db.prepare(`INSERT INTO Account (email, role, passwordHash) VALUES (?, 'annotator', 'x')`).run(email).lastInsertRowid);
    db.prepare(`INSERT INTO ProjectMember (projectId, accountId, createdAt) VALUES (?, ?, ?)`).run(projectId, id, now);
    return id;
  });
  db.close();
  const file = path.join(dir, "batch.jsonl");
  const users = Math.ceil(opts.artifacts / 9);
  process.stderr.write(`loading ${users * 9} artifacts (${users} demo users) with the importer...\n`);
  await writeDemoBatch({ out: file, users, seed: opts.seed, annotators: opts.verdictsBy });
  const loaded = await importBatch({ projectId, source: fs.createReadStream(file, { highWaterMark: 1 << 20 }), fileName: file, actor: { actorLabel: "bench" }, databaseUrl });
  if (!loaded.ok) throw new Error(`the bench batch did not import: ${loaded.errors[0]?.reason}`);
  fs.rmSync(file);
  return { dir, databaseUrl, projectId, artifacts: loaded.summary.artifacts, verdicts: loaded.summary.verdicts, annotatorIds };
}

export const machine = () => `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1) : null;
};
