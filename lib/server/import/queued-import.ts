import "server-only";
import { z } from "zod";
import { db, openDb, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { deleteStoredFiles, readStoredFile, renameStoredFile, storedFile } from "../../db/stored-files";
import { AppError, HTTP_STATUS, isTransient, type ErrorCode } from "../../errors";
import { enqueue, QUEUE_SCHEMA } from "../jobs/queue";
import type { PerformOptions } from "../perform-job";
import type { Actor } from "../record-audit";
import { recordBatch } from "./batch-records";
import { importBatch, type ImportIssue, type ImportResult } from "./import-batch";

/** Bad lines a queued import reports at most (the count is always exact). */
export const MAX_REPORTED_ERRORS = 100_000;

/** Where a queued batch's file waits for its worker: in the database, which every worker reaches (lib/db/stored-files.ts). */
export const spoolOf = (batchId: number) => `import-batch/${batchId}`;

export interface QueuedImport {
  batchId: number;
  jobId: string;
}

/**
 * Queues the import of a spooled upload (its stored file's key): records its batch (running) and
 * its job in one transaction, in which the file passes to the batch, so a worker finds it. A failed
 * batch with the same idempotency key runs again under its id.
 */
export async function queueImport(upload: string, opts: { projectId: number; fileName: string; actor: Actor; idempotencyKey?: string }): Promise<QueuedImport> {
  return db().tx(async (t) => {
    const batchId = await recordBatch(t, opts.projectId, opts);
    const jobId = await enqueue(t, "import", batchId);
    await renameStoredFile(t, upload, spoolOf(batchId));
    return { batchId, jobId };
  });
}

const Batch = row({ projectId: col.int, fileName: col.text, idempotencyKey: col.text.nullable(), createdById: col.int.nullable(), actorLabel: col.text });

/** A worker's side: imports a queued batch from its spool file; the file goes once no attempt follows. */
export async function performQueuedImport(batchId: number, opts: PerformOptions = {}): Promise<ImportResult> {
  const d = opts.url ? openDb(opts.url) : db();
  const errors: ImportIssue[] = [];
  let done = true;
  try {
    const b = await d.maybe(Batch, sql`SELECT "projectId", "fileName", "idempotencyKey", "createdById", "actorLabel" FROM "ImportBatch" WHERE "id" = ${batchId}`);
    if (!b) throw new AppError("not_found", `Import batch ${batchId} does not exist.`);
    const file = await storedFile(d, spoolOf(batchId));
    if (!file) throw new AppError("not_found", `The file of import batch ${batchId} is gone from the database; upload it again.`);
    const result = await importBatch({
      projectId: b.projectId,
      source: readStoredFile(d, file),
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
    done = (e instanceof AppError && !isTransient(e)) || opts.finalAttempt !== false; // the file stays for another attempt
    throw e;
  } finally {
    // (the database away, the file stays: a failure here must not hide the import's own)
    if (done) await deleteStoredFiles(d, spoolOf(batchId)).catch(() => undefined);
    if (opts.url) await d.close(); // the file is read through this pool; the import writes through a connection of its own
  }
}

/** Records why a queued import stopped (its worker died on the last attempt): the batch fails, its idempotency key is free again. */
export async function abandonQueuedImport(q: Queryable, batchId: number, reason: string): Promise<void> {
  await q.exec(sql`UPDATE "ImportBatch" SET "status" = 'failed', "errorCount" = 1, "issuesJson" = ${JSON.stringify([{ line: 0, reason }])}, "finishedAt" = ${new Date()}
                   WHERE "id" = ${batchId} AND "status" = 'running'`);
  await deleteStoredFiles(q, spoolOf(batchId));
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
