import "server-only";
import { AppError } from "../../errors";
import { isCalibrated } from "../../domain/qc/rule-set";
import { writeAudit } from "../audit";
import { applyTriage, type TriageResult } from "../qc/apply-triage";
import { currentRuleSet } from "../qc/rule-sets";
import type { Actor } from "../record-audit";
import { openSqlite, sqlDate, type Sqlite } from "../sqlite";
import { recomputeReviewStates } from "./recompute-review-states";
import { fillMissingFlags } from "./fill-missing-flags";
import { createPendingTable, danglingReferences, prepareImportStatements } from "./statements";
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
  const db = openSqlite(opts.databaseUrl);
  try {
    const project = db.prepare(`SELECT id, name FROM Project WHERE id = ?`).get(opts.projectId) as { id: number; name: string } | undefined;
    if (!project) throw new AppError("not_found", `Project ${opts.projectId} does not exist.`);
    const replay = opts.idempotencyKey ? findReplay(db, project.id, opts.idempotencyKey) : null;
    if (replay) return replay;
    const batchId = startBatch(db, project.id, opts);
    const result = await runBatch(db, project, batchId, opts);
    // after the commit: a failure here leaves the import whole, its artifacts untriaged (queue rank
    // 0), and the next import or "apply triage" routes them
    if (result.ok && isCalibrated((await currentRuleSet(project.id)).rules)) result.triage = await applyTriage(project.id, opts.actor, { scope: "untriaged" });
    return result;
  } finally {
    db.close();
  }
}

async function runBatch(db: Sqlite, project: { id: number; name: string }, batchId: number, opts: ImportOptions): Promise<ImportResult> {
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
  db.exec("BEGIN IMMEDIATE");
  db.pragma("defer_foreign_keys = ON");
  let committed = false;
  try {
    createPendingTable(db);
    const accounts = new Map<string, number | null>();
    const members = new Map<number, boolean>();
    const s = prepareImportStatements(db);
    const ctx: WriteContext = {
      s,
      projectId: project.id,
      overlap: db.prepare(`SELECT overlap FROM Project WHERE id = ?`).pluck().get(project.id) as number,
      batchId,
      now: sqlDate(new Date()),
      accountId(email) {
        if (!accounts.has(email)) accounts.set(email, (s.account.get(email) as number | undefined) ?? null);
        return accounts.get(email)!;
      },
      isMember(accountId) {
        if (!members.has(accountId)) members.set(accountId, s.isMember.get(project.id, accountId) !== undefined);
        return members.get(accountId)!;
      },
      projectName: project.name,
    };

    const writer = new LineWriter(ctx);
    let records = 0;
    for await (const batch of preparedBatches(opts.source)) {
      ({ bytes, lines } = batch);
      for (const row of batch.rows) {
        records++;
        if (row.type === "error") {
          fail({ line: row.line, reason: row.reason });
          continue;
        }
        const outcome = writer.write(row);
        if (outcome === "new") summary[`${row.type}s`]++;
        else if (outcome === "unchanged") summary.unchanged++;
        else if (outcome === "conflict") {
          summary.conflicts++;
          const issue = { line: row.line, reason: `conflict: ${describeKey(row)} is already stored with different content; kept the stored one` };
          if (conflicts.length < MAX_KEPT_ISSUES) conflicts.push(issue);
          opts.onConflict?.(issue);
        } else fail({ line: row.line, reason: outcome.error });
      }
      opts.onProgress?.({ bytes, lines });
    }

    writer.flush();
    if (records === 0 && errorCount === 0) fail({ line: 0, reason: "the file is empty: it holds no records" });
    // even when lines are bad, every reference is checked so that one run reports every bad line
    for (const d of danglingReferences(db, project.id, project.name)) fail(d);
    errors.sort((a, b) => a.line - b.line);

    if (errorCount > 0) {
      db.exec("ROLLBACK");
      finishBatch(db, batchId, "failed", { bytes, lines }, emptySummary(), errorCount, errors);
      writeAudit(db, { ...opts.actor, action: "import.failed", entityType: "ImportBatch", entityId: batchId, projectId: project.id, after: { fileName: opts.fileName, errorCount } });
      return { ok: false, batchId, summary: emptySummary(), errorCount, errors, conflicts: [], replayed: false };
    }

    fillMissingFlags(db, project.id);
    recomputeReviewStates(db, project.id, writer.needsReviewState);
    finishBatch(db, batchId, "succeeded", { bytes, lines }, summary, 0, conflicts);
    writeAudit(db, { ...opts.actor, action: "import.succeeded", entityType: "ImportBatch", entityId: batchId, projectId: project.id, after: { fileName: opts.fileName, ...summary } });
    db.exec("COMMIT");
    committed = true;
    return { ok: true, batchId, summary, errorCount: 0, errors: [], conflicts, replayed: false };
  } catch (e) {
    if (!committed && db.inTransaction) db.exec("ROLLBACK");
    const reason = e instanceof AppError ? e.message : "the import stopped on an internal error; nothing was written";
    finishBatch(db, batchId, "failed", { bytes, lines }, emptySummary(), 1, [{ line: 0, reason }]);
    writeAudit(db, { ...opts.actor, action: "import.failed", entityType: "ImportBatch", entityId: batchId, projectId: project.id, after: { fileName: opts.fileName, reason } });
    throw e;
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

function startBatch(db: Sqlite, projectId: number, opts: ImportOptions): number {
  const now = sqlDate(new Date());
  if (opts.idempotencyKey) {
    const failed = db.prepare(`SELECT id FROM ImportBatch WHERE projectId = ? AND idempotencyKey = ?`).pluck().get(projectId, opts.idempotencyKey) as number | undefined;
    if (failed !== undefined) {
      db.prepare(`UPDATE ImportBatch SET status = 'running', startedAt = ?, finishedAt = NULL WHERE id = ?`).run(now, failed);
      return failed;
    }
  }
  const r = db
    .prepare(`INSERT INTO ImportBatch (projectId, fileName, status, idempotencyKey, createdById, actorLabel, startedAt) VALUES (?, ?, 'running', ?, ?, ?, ?)`)
    .run(projectId, opts.fileName, opts.idempotencyKey ?? null, opts.actor.actorId ?? null, opts.actor.actorLabel, now);
  return Number(r.lastInsertRowid);
}

function finishBatch(db: Sqlite, batchId: number, status: string, size: ImportProgress, s: ImportSummary, errorCount: number, issues: ImportIssue[]): void {
  db.prepare(
    `UPDATE ImportBatch SET status = ?, bytes = ?, lines = ?, usersNew = ?, postsNew = ?, artifactsNew = ?, verdictsNew = ?,
       unchanged = ?, conflicts = ?, errorCount = ?, issuesJson = ?, finishedAt = ? WHERE id = ?`,
  ).run(status, size.bytes, size.lines, s.users, s.posts, s.artifacts, s.verdicts, s.unchanged, s.conflicts, errorCount,
    JSON.stringify(issues.slice(0, 200)), sqlDate(new Date()), batchId);
}

/** The result of an earlier upload with this idempotency key, or null; a conflict while it still runs. */
export function findReplay(db: Sqlite, projectId: number, key: string): ImportResult | null {
  const b = db.prepare(`SELECT * FROM ImportBatch WHERE projectId = ? AND idempotencyKey = ?`).get(projectId, key) as
    | { id: number; status: string; usersNew: number; postsNew: number; artifactsNew: number; verdictsNew: number; unchanged: number; conflicts: number; issuesJson: string }
    | undefined;
  if (!b || b.status === "failed") return null;
  if (b.status === "running") throw new AppError("conflict", `An upload with idempotency key "${key}" is still running (batch ${b.id}).`);
  return {
    ok: true,
    batchId: b.id,
    summary: { users: b.usersNew, posts: b.postsNew, artifacts: b.artifactsNew, verdicts: b.verdictsNew, unchanged: b.unchanged, conflicts: b.conflicts },
    errorCount: 0,
    errors: [],
    conflicts: JSON.parse(b.issuesJson) as ImportIssue[],
    replayed: true,
  };
}
