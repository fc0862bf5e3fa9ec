import "server-only";
import { db, type Db } from "../../db/client";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";

/** Gives the artifact back: the lease is released and the queue hands it to this annotator again only when nothing else is left. */
export async function skipArtifact(projectId: number, accountId: number, artifactId: string, opts: { db?: Db; now?: Date } = {}): Promise<void> {
  const now = opts.now ?? new Date();
  const changed = await (opts.db ?? db()).exec(
    sql`UPDATE "Lease" SET "releasedAt" = ${now}, "outcome" = 'skip'
        WHERE "projectId" = ${projectId} AND "artifactId" = ${artifactId} AND "accountId" = ${accountId} AND "releasedAt" IS NULL AND "expiresAt" > ${now}`,
  );
  if (changed === 0) throw new AppError("conflict", "You hold no lease on this artifact any more; nothing to skip.");
}
