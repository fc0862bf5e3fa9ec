import "server-only";
import { AppError } from "../../errors";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, type Sqlite, stmt } from "../sqlite";

export interface Claim {
  artifactId: string;
  leaseId: number;
  expiresAt: string;
  /** true when the annotator already held this lease (a reload, a second tab) */
  resumed: boolean;
  gold: boolean;
}

export interface ClaimOptions {
  db?: Sqlite;
  now?: Date;
  /** uniform in [0, 1): decides when a gold artifact is mixed in */
  random?: () => number;
}

// Candidates in queue order: artifacts already in review first (finish what was started), then
// pending ones; within each, by queue rank (what triage left to people, most uncertain first, then
// audits of its auto decisions; lib/domain/qc/queue-rank.ts), then oldest import first. An annotator never gets an artifact they gave a verdict on, and
// never one whose verdicts plus live leases already reach the overlap. Skipped artifacts come back
// only when nothing else is left.
const CANDIDATE = `
  SELECT a.id FROM Artifact a
  WHERE a.projectId = @projectId AND a.status = @status AND a.isGold = 0
    AND NOT EXISTS (SELECT 1 FROM VerdictEvent v WHERE v.projectId = a.projectId AND v.artifactId = a.id AND v.accountId = @accountId)
    AND (@withSkipped = 1 OR NOT EXISTS (SELECT 1 FROM Lease s WHERE s.projectId = a.projectId AND s.artifactId = a.id
                                          AND s.accountId = @accountId AND s.outcome = 'skip'))
    AND a.verdictCount + (SELECT COUNT(*) FROM Lease l WHERE l.projectId = a.projectId AND l.artifactId = a.id
                          AND l.releasedAt IS NULL AND l.expiresAt > @now) < @overlap
  ORDER BY a.queueRank, a.importedAt, a.id
  LIMIT 1`;

// Gold artifacts are measured against their known answer, so every annotator may get each once.
const GOLD = `
  SELECT a.id FROM Artifact a
  WHERE a.projectId = @projectId AND a.isGold = 1
    AND NOT EXISTS (SELECT 1 FROM VerdictEvent v WHERE v.projectId = a.projectId AND v.artifactId = a.id AND v.accountId = @accountId)
    AND NOT EXISTS (SELECT 1 FROM Lease l WHERE l.projectId = a.projectId AND l.artifactId = a.id AND l.accountId = @accountId
                    AND (l.outcome = 'skip' OR (l.releasedAt IS NULL AND l.expiresAt > @now)))
  ORDER BY a.importedAt, a.id
  LIMIT 1`;

/**
 * Hands the annotator one artifact under a lease, or null when the queue has nothing for them.
 * The whole claim is one IMMEDIATE transaction: SQLite lets one writer in at a time, so two
 * annotators (or two processes) asking at once can never both take the last place of an artifact.
 */
export function claimNextArtifact(projectId: number, accountId: number, opts: ClaimOptions = {}): Claim | null {
  const db = opts.db ?? rawDb();
  const now = opts.now ?? new Date();
  const at = sqlDate(now);
  return immediate(db, (): Claim | null => {
    const project = stmt(db, `SELECT overlap, leaseMinutes, goldRate FROM Project WHERE id = ?`).get(projectId) as
      | { overlap: number; leaseMinutes: number; goldRate: number }
      | undefined;
    if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);

    const held = stmt(db, `SELECT l.id, l.artifactId, l.expiresAt, a.isGold FROM Lease l JOIN Artifact a ON a.projectId = l.projectId AND a.id = l.artifactId
                WHERE l.accountId = ? AND l.projectId = ? AND l.releasedAt IS NULL AND l.expiresAt > ? ORDER BY l.id DESC LIMIT 1`)
      .get(accountId, projectId, at) as { id: number; artifactId: string; expiresAt: string; isGold: number } | undefined;
    if (held) return { artifactId: held.artifactId, leaseId: held.id, expiresAt: held.expiresAt, resumed: true, gold: held.isGold === 1 };

    const params = { projectId, accountId, now: at, overlap: project.overlap };
    const pick = (sql: string, extra: Record<string, unknown>) => stmt(db, sql).pluck().get({ ...params, ...extra }) as string | undefined;
    let gold = project.goldRate > 0 && (opts.random ?? Math.random)() < project.goldRate;
    let artifactId = gold ? pick(GOLD, {}) : undefined;
    if (!artifactId) {
      gold = false;
      for (const withSkipped of [0, 1]) {
        artifactId = pick(CANDIDATE, { status: "in_review", withSkipped }) ?? pick(CANDIDATE, { status: "pending", withSkipped });
        if (artifactId) break;
      }
    }
    if (!artifactId) return null;

    const expiresAt = sqlDate(new Date(now.getTime() + project.leaseMinutes * 60_000));
    const lease = stmt(db, `INSERT INTO Lease (projectId, artifactId, accountId, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)`)
      .run(projectId, artifactId, accountId, at, expiresAt);
    return { artifactId, leaseId: Number(lease.lastInsertRowid), expiresAt, resumed: false, gold };
  });
}
