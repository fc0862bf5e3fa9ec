import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { db, openDb, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { dataDir } from "../../env";
import { AppError, HTTP_STATUS, type ErrorCode } from "../../errors";
import { enqueue, QUEUE_SCHEMA } from "../jobs/queue";
import type { PerformOptions } from "../perform-job";
import type { Actor } from "../record-audit";
import { importBatch, recordBatch, type ImportIssue, type ImportResult } from "./import-batch";
import { BATCH_READ_BYTES } from "./read-lines";

/** Bad lines a queued import reports at most (the count is always exact). */
export const MAX_REPORTED_ERRORS = 100_000;

/** Where a queued batch's file waits for its worker: under DATA_DIR, which every worker of this machine shares. */
export const spoolOf = (batchId: number) => path.join(dataDir(), "uploads", `batch-${batchId}.jsonl`);

export interface QueuedImport {
  batchId: number;
  jobId: string;
}

/**
 * Queues the import of a spooled file: records its batch (running) and its job in one
 * transaction, and moves the file to the batch's spool path before the commit, so a worker finds
 * it. A failed batch with the same idempotency key runs again under its id.
 */
export async function queueImport(file: string, opts: { projectId: number; fileName: string; actor: Actor; idempotencyKey?: string }): Promise<QueuedImport> {
  return db().tx(async (t) => {
    const batchId = await recordBatch(t, opts.projectId, opts);
    const jobId = await enqueue(t, "import", batchId);
    fs.renameSync(file, spoolOf(batchId));
    return { batchId, jobId };
  });
}

const Batch = row({ projectId: col.int, fileName: col.text, idempotencyKey: col.text.nullable(), createdById: col.int.nullable(), actorLabel: col.text });

/** A worker's side: imports a queued batch from its spool file; the file goes once no attempt follows. */
export async function performQueuedImport(batchId: number, opts: PerformOptions = {}): Promise<ImportResult> {
  const d = opts.url ? openDb(opts.url) : db();
  const b = await d.maybe(Batch, sql`SELECT "projectId", "fileName", "idempotencyKey", "createdById", "actorLabel" FROM "ImportBatch" WHERE "id" = ${batchId}`);
  if (opts.url) await d.close(); // the import opens a connection of its own
  if (!b) throw new AppError("not_found", `Import batch ${batchId} does not exist.`);
  const file = spoolOf(batchId);
  if (!fs.existsSync(file)) throw new AppError("not_found", `The file of import batch ${batchId} is gone from ${path.dirname(file)}; upload it again.`);
  const errors: ImportIssue[] = [];
  let done = true;
  try {
    const result = await importBatch({
      projectId: b.projectId,
      source: fs.createReadStream(file, { highWaterMark: BATCH_READ_BYTES }),
      fileName: b.fileName,
      batchId,
      databaseUrl: opts.url,
      actor: { actorId: b.createdById, actorLabel: b.actorLabel },
      idempotencyKey: b.idempotencyKey ?? undefined,
      finalAttempt: opts.finalAttempt,
      onError: (issue) => void (errors.length < MAX_REPORTED_ERRORS && errors.push(issue)),
    });
    return result.ok ? result : { ...result, errors };
  } catch (e) {
    done = e instanceof AppError || opts.finalAttempt !== false;
    throw e;
  } finally {
    if (done) fs.rmSync(file, { force: true });
  }
}

/** Records why a queued import stopped (its worker died on the last attempt): the batch fails, its idempotency key is free again. */
export async function abandonQueuedImport(q: Queryable, batchId: number, reason: string): Promise<void> {
  await q.exec(sql`UPDATE "ImportBatch" SET "status" = 'failed', "errorCount" = 1, "issuesJson" = ${JSON.stringify([{ line: 0, reason }])}, "finishedAt" = ${new Date()}
                   WHERE "id" = ${batchId} AND "status" = 'running'`);
  fs.rmSync(spoolOf(batchId), { force: true });
}

const JobState = row({ state: z.string(), output: z.unknown() });
/** what a worker reports: the import's result, or the error it stopped on (lib/server/jobs/run-worker.ts) */
const ReportedError = z.object({ error: z.object({ code: z.enum(Object.keys(HTTP_STATUS) as [ErrorCode, ...ErrorCode[]]), message: z.string() }) });
const ReportedResult = z.object({ json: z.string() });
const ImportBatchIssues = row({ status: col.text, issues: col.json(z.array(z.object({ line: z.number(), reason: z.string() }))) });

/**
 * Waits for a queued import to end (its job completed or failed for good, after any retries) and
 * returns its result, as the request that queued it answers.
 */
export async function awaitImport(q: QueuedImport, pollMs = 200): Promise<ImportResult> {
  const jobs = sql.raw(`"${QUEUE_SCHEMA}"."job"`);
  const archive = sql.raw(`"${QUEUE_SCHEMA}"."archive"`);
  for (;;) {
    const job = await db().maybe(
      JobState,
      sql`SELECT "state"::text AS "state", "output" FROM ${jobs} WHERE "id" = ${q.jobId} UNION ALL SELECT "state"::text, "output" FROM ${archive} WHERE "id" = ${q.jobId} LIMIT 1`,
    );
    if (job?.state === "completed") {
      const failed = ReportedError.safeParse(job.output);
      if (failed.success) throw new AppError(failed.data.error.code, failed.data.error.message);
      const done = ReportedResult.safeParse(job.output);
      if (done.success) return JSON.parse(done.data.json) as ImportResult;
    }
    if (!job || job.state === "failed" || job.state === "cancelled" || job.state === "completed") {
      const b = await db().one(ImportBatchIssues, sql`SELECT "status", "issuesJson" AS "issues" FROM "ImportBatch" WHERE "id" = ${q.batchId}`);
      const reason = b.issues[0]?.reason ?? `Import batch ${q.batchId} stopped on its worker`;
      throw new AppError("internal", `${reason}${/nothing was written/.test(reason) ? "" : "; nothing was written"}. Upload it again (with the same Idempotency-Key).`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
