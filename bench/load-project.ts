// Shared set-up of the benchmarks: a fresh PostgreSQL database with one project loaded by the real importer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { benchServer } from "./postgres";

export interface BenchProject {
  dir: string;
  databaseUrl: string;
  projectId: number;
  artifacts: number;
  verdicts: number;
  annotatorIds: number[];
  /** lines of the demo batch and the importer's wall time for them (generating the batch not included) */
  imported: { lines: number; seconds: number };
  /** stops the benchmark's PostgreSQL and removes its folder */
  done(): Promise<void>;
}

/**
 * Creates a database (on the benchmark's own embedded PostgreSQL, see postgres.ts), a project with
 * the given settings and annotator accounts, and imports a demo batch of about `artifacts` artifacts
 * (nine per demo user); when `verdictsBy` names annotators, the batch carries their verdicts too.
 */
export async function loadBenchProject(opts: {
  name: string;
  artifacts: number;
  seed: string;
  annotators?: number;
  verdictsBy?: string[];
  settings?: { overlap?: number; goldRate?: number };
}): Promise<BenchProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${opts.name}-`));
  const server = await benchServer();
  const databaseUrl = await server.database(opts.name);
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dir;
  const { openDb } = await import("../lib/db/client");
  const { col, row } = await import("../lib/db/columns");
  const { sql } = await import("../lib/db/sql");
  const { importBatch } = await import("../lib/server/import/import-batch");
  const db = openDb(databaseUrl);
  const Id = row({ id: col.int });
  const { id: projectId } = await db.one(
    Id,
    sql`INSERT INTO "Project" ("name", "overlap", "goldRate", "updatedAt") VALUES ('bench', ${opts.settings?.overlap ?? 2}, ${opts.settings?.goldRate ?? 0}, ${new Date()}) RETURNING "id"`,
  );
  const emails = [...new Set([...Array.from({ length: opts.annotators ?? 0 }, (_, i) => `bench${i}@example.org`), ...(opts.verdictsBy ?? [])])];
  const annotatorIds: number[] = [];
  for (const email of emails) {
    const { id } = await db.one(Id, sql`INSERT INTO "Account" ("email", "role", "passwordHash") VALUES (${email}, 'annotator', 'x') RETURNING "id"`);
    await db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${id}, ${new Date()})`);
    annotatorIds.push(id);
  }
  await db.close();
  const file = path.join(dir, "batch.jsonl");
  const users = Math.ceil(opts.artifacts / 9);
  process.stderr.write(`loading ${users * 9} artifacts (${users} demo users) with the importer...\n`);
  const lines = await writeDemoBatch({ out: file, users, seed: opts.seed, annotators: opts.verdictsBy });
  const started = performance.now();
  const loaded = await importBatch({ projectId, source: fs.createReadStream(file, { highWaterMark: 1 << 20 }), fileName: file, actor: { actorLabel: "bench" }, databaseUrl });
  if (!loaded.ok) throw new Error(`the bench batch did not import: ${loaded.errors[0]?.reason}`);
  const seconds = (performance.now() - started) / 1000;
  fs.rmSync(file);
  return {
    dir,
    databaseUrl,
    projectId,
    artifacts: loaded.summary.artifacts,
    verdicts: loaded.summary.verdicts,
    annotatorIds,
    imported: { lines, seconds },
    async done() {
      const { closeDb } = await import("../lib/db/client");
      await closeDb();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const machine = () => `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1) : null;
};
