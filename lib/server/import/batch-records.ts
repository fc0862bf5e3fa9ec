import "server-only";
import { z } from "zod";
import { db, forUpdate, type Db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { emitEvent } from "../webhooks/emit-event";
import { batchCountColumns } from "./batch-counts";
import type { ImportIssue, ImportOptions, ImportProgress, ImportResult, ImportSummary } from "./import-types";

// An import's row in "ImportBatch": recorded when it starts, finished with its counts and issues, and read back for a replayed upload.

export function emptySummary(): ImportSummary {
  return { users: 0, posts: 0, artifacts: 0, verdicts: 0, unchanged: 0, conflicts: 0 };
}

/**
 * Records a running batch and returns its id: a failed batch with the same idempotency key is run
 * again under its id (a succeeded one is a replay, which the caller checked first).
 */
export async function recordBatch(t: Queryable, projectId: number, opts: Pick<ImportOptions, "fileName" | "idempotencyKey" | "actor">): Promise<number> {
  const now = new Date();
  if (opts.idempotencyKey) {
    const known = await t.maybe(
      row({ id: col.int, status: col.text }),
      sql`SELECT "id", "status" FROM "ImportBatch" WHERE "projectId" = ${projectId} AND "idempotencyKey" = ${opts.idempotencyKey}${forUpdate(t)}`,
    );
    if (known && known.status !== "failed")
      throw new AppError("conflict", `An upload with idempotency key "${opts.idempotencyKey}" is ${known.status === "running" ? "still running" : "done already"} (batch ${known.id}).`);
    if (known) {
      await t.exec(sql`UPDATE "ImportBatch" SET "status" = 'running', "fileName" = ${opts.fileName}, "startedAt" = ${now}, "finishedAt" = NULL WHERE "id" = ${known.id}`);
      return known.id;
    }
  }
  const { id } = await t.one(
    row({ id: col.int }),
    sql`INSERT INTO "ImportBatch" ("projectId", "fileName", "status", "idempotencyKey", "createdById", "actorLabel", "startedAt")
        VALUES (${projectId}, ${opts.fileName}, 'running', ${opts.idempotencyKey ?? null}, ${opts.actor.actorId ?? null}, ${opts.actor.actorLabel}, ${now}) RETURNING "id"`,
  );
  return id;
}

/** A recorded batch, running again (a queued upload's next attempt). */
export async function resumeBatch(d: Db, batchId: number): Promise<number> {
  const n = await d.exec(sql`UPDATE "ImportBatch" SET "status" = 'running', "startedAt" = ${new Date()}, "finishedAt" = NULL WHERE "id" = ${batchId} AND "status" <> 'succeeded'`);
  if (n === 0) throw new AppError("conflict", `Import batch ${batchId} has succeeded already, or does not exist.`);
  return batchId;
}

export async function finishBatch(t: Queryable, batchId: number, status: "succeeded" | "failed", size: ImportProgress, s: ImportSummary, errorCount: number, issues: ImportIssue[]): Promise<void> {
  const b = await t.one(
    row({ projectId: col.int, fileName: col.text }),
    sql`UPDATE "ImportBatch" SET "status" = ${status}, "bytes" = ${size.bytes}, "lines" = ${size.lines}, "usersNew" = ${s.users}, "postsNew" = ${s.posts},
      "artifactsNew" = ${s.artifacts}, "verdictsNew" = ${s.verdicts}, "unchanged" = ${s.unchanged}, "conflicts" = ${s.conflicts}, "errorCount" = ${errorCount},
      "issuesJson" = ${JSON.stringify(issues.slice(0, 200))}, "finishedAt" = ${new Date()} WHERE "id" = ${batchId} RETURNING "projectId", "fileName"`,
  );
  const told = { batchId, fileName: b.fileName, batch: `/api/v1/projects/${b.projectId}/batches/${batchId}` };
  if (status === "succeeded") await emitEvent(t, b.projectId, "batch.imported", { ...told, summary: s, conflicts: issues.length });
  else await emitEvent(t, b.projectId, "batch.failed", { ...told, errorCount, issues: issues.slice(0, 20) });
}

const Replay = row({
  id: col.int,
  status: col.text,
  ...batchCountColumns,
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
