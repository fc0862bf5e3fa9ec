import "server-only";
import { z } from "zod";
import { db, deferConstraints, forUpdate, openDb, type Db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { isCalibrated } from "../../domain/qc/rule-set";
import { writeAudit } from "../audit";
import { applyTriage, type TriageResult } from "../qc/apply-triage";
import { currentRuleSet } from "../qc/rule-sets";
import type { Actor } from "../record-audit";
import { recomputeReviewStates } from "./recompute-review-states";
import { fillMissingFlags } from "./fill-missing-flags";
import { createPendingTable, danglingReferences, importQueries } from "./statements";
import type { PreparedRow } from "./prepare-line";
import { preparedBatches } from "./prepared-batches";
import { LineWriter, type WriteContext } from "./write-line";

export interface ImportSummary {
  users: number;
  posts: number;
  artifacts: number;
  verdicts: number;
  unchanged: number;
  conflicts: number;
}

export interface ImportIssue {
  line: number;
  reason: string;
}

export interface ImportProgress {
  bytes: number;
  lines: number;
}

export interface ImportOptions {
  projectId: number;
  /** the bytes of a JSON Lines file: a file stream, an HTTP body, a Buffer in an array */
  source: AsyncIterable<Uint8Array>;
  fileName: string;
  actor: Actor;
  idempotencyKey?: string;
  databaseUrl?: string;
  onProgress?: (p: ImportProgress) => void;
  /** every bad line as it is found (the result keeps only the first MAX_KEPT_ISSUES) */
  onError?: (issue: ImportIssue) => void;
  onConflict?: (issue: ImportIssue) => void;
}

export interface ImportResult {
  ok: boolean;
  batchId: number;
  summary: ImportSummary;
  errorCount: number;
  errors: ImportIssue[];
  conflicts: ImportIssue[];
  /** true when an earlier upload with the same idempotency key already did the work */
  replayed: boolean;
  /** how the project's calibrated rules routed the new artifacts (absent when the rules are not calibrated) */
  triage?: TriageResult;
}

export const MAX_KEPT_ISSUES = 1000;

/**
 * Imports one JSON Lines batch into a project, all or nothing: every line is validated and written
 * inside one transaction on a connection of its own; if any line is bad, or a reference dangles
 * once the whole file is in, the transaction is rolled back and every bad line is reported.
 * Re-imported lines count as unchanged; a known key with other content is a conflict, reported and
 * left as it was. Memory stays flat: lines are streamed and pending references wait in a temp table.
 */
export async function importBatch(opts: ImportOptions): Promise<ImportResult> {
  const d = openDb(opts.databaseUrl);
  try {
    const project = await d.maybe(row({ id: col.int, name: col.text, overlap: col.int }), sql`SELECT "id", "name", "overlap" FROM "Project" WHERE "id" = ${opts.projectId}`);
    if (!project) throw new AppError("not_found", `Project ${opts.projectId} does not exist.`);
    const replay = opts.idempotencyKey ? await findReplay(project.id, opts.idempotencyKey, d) : null;
    if (replay) return replay;
    const batchId = await startBatch(d, project.id, opts);
    const result = await runBatch(d, project, batchId, opts);
    // after the commit: a failure here leaves the import whole, its artifacts untriaged (queue rank
    // 0), and the next import or "apply triage" routes them
    if (result.ok && isCalibrated((await currentRuleSet(project.id, d)).rules)) result.triage = await applyTriage(project.id, opts.actor, { db: d, scope: "untriaged" });
    return result;
  } finally {
    await d.close();
  }
}

class Failed extends Error {
  constructor(readonly errorCount: number) {
    super("the import has bad lines");
  }
}

async function runBatch(d: Db, project: { id: number; name: string; overlap: number }, batchId: number, opts: ImportOptions): Promise<ImportResult> {
  const summary: ImportSummary = { users: 0, posts: 0, artifacts: 0, verdicts: 0, unchanged: 0, conflicts: 0 };
  const errors: ImportIssue[] = [];
  const conflicts: ImportIssue[] = [];
  let errorCount = 0;
  const fail = (issue: ImportIssue) => {
    errorCount++;
    if (errors.length < MAX_KEPT_ISSUES) errors.push(issue);
    opts.onError?.(issue);
  };

  let bytes = 0;
  let lines = 0;
  try {
    await d.tx(async (t) => {
      await deferConstraints(t);
      await createPendingTable(t);
      const s = importQueries(t, project.id, batchId, new Date());
      const accounts = new Map<string, number | null>();
      const members = new Map<number, boolean>();
      const ctx: WriteContext = {
        s,
        overlap: project.overlap,
        async accountId(email) {
          if (!accounts.has(email)) accounts.set(email, (await s.account(email)) ?? null);
          return accounts.get(email)!;
        },
        async isMember(accountId) {
          if (!members.has(accountId)) members.set(accountId, await s.isMember(accountId));
          return members.get(accountId)!;
        },
        projectName: project.name,
      };

      const writer = new LineWriter(ctx);
      let records = 0;
      for await (const batch of preparedBatches(opts.source)) {
        ({ bytes, lines } = batch);
        for (const r of batch.rows) {
          records++;
          if (r.type === "error") {
            fail({ line: r.line, reason: r.reason });
            continue;
          }
          const outcome = await writer.write(r);
          if (outcome === "new") summary[`${r.type}s`]++;
          else if (outcome === "unchanged") summary.unchanged++;
          else if (outcome === "conflict") {
            summary.conflicts++;
            const issue = { line: r.line, reason: `conflict: ${describeKey(r)} is already stored with different content; kept the stored one` };
            if (conflicts.length < MAX_KEPT_ISSUES) conflicts.push(issue);
            opts.onConflict?.(issue);
          } else fail({ line: r.line, reason: outcome.error });
        }
        opts.onProgress?.({ bytes, lines });
      }

      await writer.flush();
      if (records === 0 && errorCount === 0) fail({ line: 0, reason: "the file is empty: it holds no records" });
      // even when lines are bad, every reference is checked so that one run reports every bad line
      for await (const dangling of danglingReferences(t, project.id, project.name)) fail(dangling);
      await t.exec(sql`DROP TABLE "pending_ref"`);
      if (errorCount > 0) throw new Failed(errorCount); // rolls the whole file back

      await fillMissingFlags(t, project.id);
      await recomputeReviewStates(t, project.id, project.overlap, writer.needsReviewState);
      await finishBatch(t, batchId, "succeeded", { bytes, lines }, summary, 0, conflicts);
      await writeAudit(t, { ...opts.actor, action: "import.succeeded", entityType: "ImportBatch", entityId: batchId, projectId: project.id, after: { fileName: opts.fileName, ...summary } });
    });
    return { ok: true, batchId, summary, errorCount: 0, errors: [], conflicts, replayed: false };
  } catch (e) {
    errors.sort((a, b) => a.line - b.line);
    const failed = e instanceof Failed;
    const reason = failed ? null : e instanceof AppError ? e.message : "the import stopped on an internal error; nothing was written";
    const issues = failed ? errors : [{ line: 0, reason: reason! }];
    await d.tx(async (t) => {
      await finishBatch(t, batchId, "failed", { bytes, lines }, emptySummary(), failed ? errorCount : 1, issues);
      await writeAudit(t, { ...opts.actor, action: "import.failed", entityType: "ImportBatch", entityId: batchId, projectId: project.id, after: failed ? { fileName: opts.fileName, errorCount } : { fileName: opts.fileName, reason } });
    });
    if (!failed) throw e;
    return { ok: false, batchId, summary: emptySummary(), errorCount, errors, conflicts: [], replayed: false };
  }
}

function emptySummary(): ImportSummary {
  return { users: 0, posts: 0, artifacts: 0, verdicts: 0, unchanged: 0, conflicts: 0 };
}

function describeKey(row: PreparedRow): string {
  switch (row.type) {
    case "user":
      return `user "${row.uid}"`;
    case "post":
      return `post "${row.id}"`;
    case "artifact":
      return `artifact "${row.id}"`;
    case "verdict":
      return `the verdict of ${row.annotator} on "${row.artifactId}" at ${row.createdAt}`;
  }
}

async function startBatch(d: Db, projectId: number, opts: ImportOptions): Promise<number> {
  return d.tx(async (t) => {
    const now = new Date();
    if (opts.idempotencyKey) {
      const failed = await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "ImportBatch" WHERE "projectId" = ${projectId} AND "idempotencyKey" = ${opts.idempotencyKey}${forUpdate(t)}`);
      if (failed) {
        await t.exec(sql`UPDATE "ImportBatch" SET "status" = 'running', "startedAt" = ${now}, "finishedAt" = NULL WHERE "id" = ${failed.id}`);
        return failed.id;
      }
    }
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "ImportBatch" ("projectId", "fileName", "status", "idempotencyKey", "createdById", "actorLabel", "startedAt")
          VALUES (${projectId}, ${opts.fileName}, 'running', ${opts.idempotencyKey ?? null}, ${opts.actor.actorId ?? null}, ${opts.actor.actorLabel}, ${now}) RETURNING "id"`,
    );
    return id;
  });
}

async function finishBatch(t: Queryable, batchId: number, status: string, size: ImportProgress, s: ImportSummary, errorCount: number, issues: ImportIssue[]): Promise<void> {
  await t.exec(sql`UPDATE "ImportBatch" SET "status" = ${status}, "bytes" = ${size.bytes}, "lines" = ${size.lines}, "usersNew" = ${s.users}, "postsNew" = ${s.posts},
      "artifactsNew" = ${s.artifacts}, "verdictsNew" = ${s.verdicts}, "unchanged" = ${s.unchanged}, "conflicts" = ${s.conflicts}, "errorCount" = ${errorCount},
      "issuesJson" = ${JSON.stringify(issues.slice(0, 200))}, "finishedAt" = ${new Date()} WHERE "id" = ${batchId}`);
}

const Replay = row({
  id: col.int, status: col.text, usersNew: col.int, postsNew: col.int, artifactsNew: col.int, verdictsNew: col.int, unchanged: col.int, conflicts: col.int,
  issues: col.json(z.array(z.object({ line: z.number(), reason: z.string() }))),
});

/** The result of an earlier upload with this idempotency key, or null; a conflict while it still runs. */
export async function findReplay(projectId: number, key: string, q: Queryable = db()): Promise<ImportResult | null> {
  const b = await q.maybe(
    Replay,
    sql`SELECT "id", "status", "usersNew", "postsNew", "artifactsNew", "verdictsNew", "unchanged", "conflicts", "issuesJson" AS "issues" FROM "ImportBatch"
        WHERE "projectId" = ${projectId} AND "idempotencyKey" = ${key}`,
  );
  if (!b || b.status === "failed") return null;
  if (b.status === "running") throw new AppError("conflict", `An upload with idempotency key "${key}" is still running (batch ${b.id}).`);
  return {
    ok: true,
    batchId: b.id,
    summary: { users: b.usersNew, posts: b.postsNew, artifacts: b.artifactsNew, verdicts: b.verdictsNew, unchanged: b.unchanged, conflicts: b.conflicts },
    errorCount: 0,
    errors: [],
    conflicts: b.issues,
    replayed: true,
  };
}
