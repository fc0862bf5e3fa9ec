import "server-only";
import { AppError } from "../../errors";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, type Sqlite, stmt } from "../sqlite";

/** Gives the artifact back: the lease is released and the queue hands it to this annotator again only when nothing else is left. */
export function skipArtifact(projectId: number, accountId: number, artifactId: string, opts: { db?: Sqlite; now?: Date } = {}): void {
  const db = opts.db ?? rawDb();
  const at = sqlDate(opts.now ?? new Date());
  const r = immediate(db, () =>
    stmt(db, `UPDATE Lease SET releasedAt = ?, outcome = 'skip' WHERE projectId = ? AND artifactId = ? AND accountId = ? AND releasedAt IS NULL AND expiresAt > ?`)
      .run(at, projectId, artifactId, accountId, at),
  );
  if (r.changes === 0) throw new AppError("conflict", "You hold no lease on this artifact any more; nothing to skip.");
}
