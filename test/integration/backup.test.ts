import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { openDb, type Queryable } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { backupDatabase } from "@/lib/server/backup/backup-database";
import { backupTables, ident } from "@/lib/server/backup/backup-tables";
import { restoreDatabase } from "@/lib/server/backup/restore-database";
import { ensureDatabase } from "@/lib/server/ensure-database";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { performExportRun, requestExport } from "@/lib/server/splits/export-runs";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";

/** A new, migrated, empty database on the test cluster. */
async function emptyDatabase(): Promise<string> {
  const adminUrl = inject("postgresAdminUrl");
  const name = `workbench_restore_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = openDb(adminUrl);
  await admin.exec(sql`CREATE DATABASE ${sql.raw(name)}`);
  await admin.close();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  await ensureDatabase(url);
  return url;
}

/** A directory for one test's backup files, removed when the test ends. */
function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every table's rows as one fingerprint per table: what a restore must bring back exactly. */
async function fingerprints(q: Queryable): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await backupTables(q)) {
    const cols = sql.raw(t.columns.map((c) => `x.${ident(c)}`).join(", "));
    const r = await q.one(
      row({ n: col.int, h: col.text }),
      sql`SELECT count(*) AS "n", md5(coalesce(string_agg(ROW(${cols})::text, '|' ORDER BY ROW(${cols})::text), '')) AS "h" FROM ${sql.raw(ident(t.name))} x`,
    );
    out[t.name] = `${r.n}:${r.h}`;
  }
  return out;
}

/** The tallies kept on write (migration 023), slots summed. */
/** Every index of the workbench's tables, as defined. */
async function indexes(q: Queryable): Promise<string[]> {
  return (await q.many(row({ d: col.text }), sql`SELECT "indexdef" AS "d" FROM pg_indexes WHERE "schemaname" = 'public' ORDER BY "indexname"`)).map((r) => r.d);
}

async function tallies(q: Queryable): Promise<string[]> {
  const artifacts = await q.many(
    row({ k: col.text }),
    sql`SELECT concat_ws('|', "projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", SUM("n")) AS "k"
        FROM "ArtifactTally" GROUP BY "projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold" HAVING SUM("n") <> 0`,
  );
  const days = await q.many(
    row({ k: col.text }),
    sql`SELECT concat_ws('|', "projectId", "day", SUM("verdicts"), SUM("finalized")) AS "k" FROM "DailyTally" GROUP BY "projectId", "day" HAVING SUM("verdicts") <> 0 OR SUM("finalized") <> 0`,
  );
  const facets = await q.many(
    row({ k: col.text }),
    sql`SELECT concat_ws('|', "projectId", "facet", "value", "kind", "platform", "status", "gold", "overridden", SUM("n")) AS "k"
        FROM "FacetTally" GROUP BY "projectId", "facet", "value", "kind", "platform", "status", "gold", "overridden" HAVING SUM("n") <> 0`,
  );
  return [...artifacts, ...days, ...facets].map((r) => r.k).sort();
}

/**
 * A backup as a workbench before migration 027 wrote it: the artifacts' state in their own rows, no
 * "ArtifactState" section, and the migration not in the header.
 */
function asBeforeStateMoved(text: string): string {
  const lines = text.split("\n");
  const sections = new Map<string, { columns: string[]; from: number; to: number }>();
  lines.forEach((l, i) => {
    if (!l.startsWith("TABLE ")) return;
    const { name, columns } = JSON.parse(l.slice(6)) as { name: string; columns: string[] };
    sections.set(name, { columns, from: i + 1, to: lines.indexOf("\\.", i) });
  });
  const artifact = sections.get("Artifact")!;
  const state = sections.get("ArtifactState")!;
  const moved = state.columns.filter((c) => !artifact.columns.includes(c) && c !== "artifactId");
  const byKey = new Map<string, string[]>();
  for (const l of lines.slice(state.from, state.to)) {
    const f = l.split("\t");
    byKey.set(
      `${f[state.columns.indexOf("projectId")]}\t${f[state.columns.indexOf("artifactId")]}`,
      moved.map((c) => f[state.columns.indexOf(c)]),
    );
  }
  const out = lines.map((l, i) => {
    if (i === artifact.from - 1) return `TABLE ${JSON.stringify({ name: "Artifact", columns: [...artifact.columns, ...moved] })}`;
    if (i >= artifact.from && i < artifact.to) {
      const f = l.split("\t");
      return [...f, ...byKey.get(`${f[artifact.columns.indexOf("projectId")]}\t${f[artifact.columns.indexOf("id")]}`)!].join("\t");
    }
    if (l.startsWith("{")) {
      const header = JSON.parse(l) as { migrations: string[] };
      return JSON.stringify({ ...header, migrations: header.migrations.filter((m) => m < "1764547200027") });
    }
    if (l.startsWith("END ")) {
      const end = JSON.parse(l.slice(4)) as { tables: number; rows: number };
      return `END ${JSON.stringify({ tables: end.tables - 1, rows: end.rows - (state.to - state.from) })}`;
    }
    return l;
  });
  out.splice(state.from - 1, state.to - state.from + 2);
  return out.join("\n");
}

describe("cli backup and restore", () => {
  it("bring back every row of every table into an empty database, a frozen split version included, and ids go on after them", async () => {
    const project = await makeProject();
    const [a, b] = [await makeAccount(), await makeAccount()];
    expect((await importText(project.id, jsonl([...generateDemoBatch({ users: 12, seed: "backup", annotators: [a.email, b.email] })]))).ok).toBe(true);
    const { version } = await createSplitVersion(project.id, { ratios: { train: 0.6, validation: 0.2, test: 0.2 }, seed: "backup" }, TEST_ACTOR);
    expect((await performExportRun(await requestExport(project.id, version, "freeze", TEST_ACTOR))).status).toBe("succeeded");

    const file = path.join(scratchDir(), "workbench.backup.gz");
    const source = openDb(process.env.DATABASE_URL!);
    const saved = await backupDatabase(process.env.DATABASE_URL!, file);
    expect(saved.rows).toBeGreaterThan(100);
    const target = await emptyDatabase();
    const built: string[] = [];
    const restored = await restoreDatabase(target, file, undefined, (index) => built.push(index));
    expect(restored).toMatchObject({ tables: saved.tables, rows: saved.rows });
    const into = openDb(target);
    try {
      expect(await fingerprints(into)).toEqual(await fingerprints(source));
      // the secondary indexes were built after the rows went in, every one as it was defined
      expect(built).toEqual(expect.arrayContaining(['"Artifact_sort_judgeMin_idx"', '"ArtifactState_queue_idx"', '"Lease_open_idx"']));
      expect(await indexes(into)).toEqual(await indexes(source));
      // the tallies are not in the file: the restore's writes counted them again
      expect(await tallies(into)).toEqual(await tallies(source));
      expect((await tallies(into)).length).toBeGreaterThan(2);
      const { max } = await into.one(row({ max: col.int }), sql`SELECT max("id") AS "max" FROM "Project"`);
      const { id } = await into.one(row({ id: col.int }), sql`INSERT INTO "Project" ("name", "updatedAt") VALUES (${"after-restore"}, now()) RETURNING "id"`);
      expect(id).toBeGreaterThan(max);
      // the frozen version stays frozen
      await expect(into.exec(sql`DELETE FROM "SplitMember" WHERE "splitVersionId" = (SELECT "id" FROM "SplitVersion" WHERE "status" = 'frozen' LIMIT 1)`)).rejects.toThrow(
        /frozen version is immutable/,
      );
    } finally {
      await into.close();
      await source.close();
    }
    // not into a database that has rows
    await expect(restoreDatabase(target, file)).rejects.toThrow(/needs an empty database/);
  });

  it("restores a backup taken before the state moved to a table of its own (migration 027), state and counts alike", async () => {
    const project = await makeProject();
    const [a, b] = [await makeAccount(), await makeAccount()];
    expect((await importText(project.id, jsonl([...generateDemoBatch({ users: 8, seed: "before-027", annotators: [a.email, b.email] })]))).ok).toBe(true);
    const dir = scratchDir();
    const file = path.join(dir, "now.gz");
    await backupDatabase(process.env.DATABASE_URL!, file);
    const older = path.join(dir, "before-027.gz");
    const text = asBeforeStateMoved(gunzipSync(fs.readFileSync(file)).toString("utf8"));
    expect(text).toMatch(/^TABLE \{"name":"Artifact","columns":\[[^\]]*"status"[^\]]*"queueRank"/m);
    expect(text).not.toContain(`"name":"ArtifactState"`);
    fs.writeFileSync(older, gzipSync(text));

    const target = await emptyDatabase();
    await restoreDatabase(target, older);
    const [source, into] = [openDb(process.env.DATABASE_URL!), openDb(target)];
    try {
      expect(await fingerprints(into)).toEqual(await fingerprints(source));
      expect(await tallies(into)).toEqual(await tallies(source));
    } finally {
      await into.close();
      await source.close();
    }
  });

  it("restores nothing from a file that is cut off or not a backup", async () => {
    const dir = scratchDir();
    const file = path.join(dir, "whole.gz");
    await backupDatabase(process.env.DATABASE_URL!, file);
    const cut = path.join(dir, "cut.gz");
    const text = gunzipSync(fs.readFileSync(file));
    fs.writeFileSync(cut, gzipSync(text.subarray(0, Math.floor(text.length * 0.6))));
    const target = await emptyDatabase();
    await expect(restoreDatabase(target, cut)).rejects.toThrow(/ends early/);
    fs.writeFileSync(path.join(dir, "other.gz"), gzipSync(Buffer.from("hello\n")));
    await expect(restoreDatabase(target, path.join(dir, "other.gz"))).rejects.toThrow(/not a backup/);
    const into = openDb(target);
    try {
      expect(Object.values(await fingerprints(into)).every((f) => f.startsWith("0:"))).toBe(true);
    } finally {
      await into.close();
    }
  });
});
