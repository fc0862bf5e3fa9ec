import "server-only";
import { db, forUpdate, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ReviewState } from "../../domain/review-state";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { refreshReviewState, rulingOf } from "./review-state-of";

export interface UndoneVerdict {
  artifactId: string;
  leaseExpiresAt: string;
  retractionId: number;
  state: ReviewState;
}

const Last = row({ id: col.int, artifactId: col.text, decision: col.text, leaseId: col.int.nullable(), expiresAt: col.date.nullable(), overlap: col.int });

/**
 * Takes back the annotator's last verdict in the project while the lease it was given under is
 * still live. Nothing is deleted: a `retract` event supersedes the verdict, the lease opens again so
 * the annotator can give a new verdict, and the review status is recomputed.
 */
export async function undoLastVerdict(projectId: number, actor: Actor & { actorId: number }, opts: { db?: Db; now?: Date } = {}): Promise<UndoneVerdict> {
  const now = opts.now ?? new Date();
  return (opts.db ?? db()).tx(async (t): Promise<UndoneVerdict> => {
    const last = await t.maybe(
      Last,
      sql`SELECT v."id", v."artifactId", v."decision", l."id" AS "leaseId", l."expiresAt", p."overlap"
          FROM "VerdictEvent" v JOIN "Project" p ON p."id" = v."projectId"
          LEFT JOIN "Lease" l ON l."projectId" = v."projectId" AND l."artifactId" = v."artifactId" AND l."accountId" = v."accountId" AND l."outcome" = 'verdict'
          WHERE v."projectId" = ${projectId} AND v."accountId" = ${actor.actorId} AND v."source" = 'review'
          ORDER BY v."id" DESC, l."id" DESC LIMIT 1`,
    );
    if (!last || last.decision === "retract") throw new AppError("conflict", "There is no verdict of yours to undo.");
    await t.exec(sql`SELECT 1 FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "artifactId" = ${last.artifactId}${forUpdate(t)}`);
    if ((await rulingOf(t, projectId, last.artifactId))?.by === "lead") {
      throw new AppError("conflict", "A lead has adjudicated this artifact since your verdict; the decision is final, so your verdict can no longer be undone.");
    }
    if (!last.leaseId || !last.expiresAt || Date.parse(last.expiresAt) <= now.getTime()) {
      throw new AppError("conflict", "The lease of your last verdict has run out, so it can no longer be undone here. Ask a lead to adjudicate.");
    }
    const { id: retractionId } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "supersedesId", "source", "createdAt")
          VALUES (${projectId}, ${last.artifactId}, ${actor.actorId}, 'retract', ${last.id}, 'review', ${now}) RETURNING "id"`,
    );
    await t.exec(sql`UPDATE "Lease" SET "releasedAt" = NULL, "outcome" = NULL WHERE "id" = ${last.leaseId}`);
    const state = await refreshReviewState(t, projectId, last.artifactId, last.overlap, now);
    await writeAudit(
      t,
      { ...actor, action: "verdict.retracted", entityType: "VerdictEvent", entityId: last.id, projectId, after: { retractionId, artifactId: last.artifactId, status: state.status } },
      now,
    );
    return { artifactId: last.artifactId, leaseExpiresAt: last.expiresAt, retractionId, state };
  });
}
