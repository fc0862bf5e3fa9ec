import "server-only";
import { createHash } from "node:crypto";
import { assignSplits, validateRatios, type Ratios, type Split } from "../../domain/splits";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { rawDb } from "../raw-db";
import { currentVersionsSync } from "../projects/prompt-templates";
import { currentRuleSetSync } from "../qc/rule-sets";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";

export interface SplitVersionSummary {
  versionId: number;
  version: number;
  counts: Record<Split, { users: number; artifacts: number }>;
  /** accepted artifacts of test users that the rules, not people, accepted: the test set leaves them out */
  ruleAcceptedLeftOut: number;
}

const PAGE = 5000;

interface Eligible {
  id: string;
  uid: string;
  platform: string;
  kind: string;
  content: string;
  postIds: string;
  decidedBy: string | null;
}

/**
 * A new draft split version: every final accepted artifact, assigned by user (seeded, stratified by
 * platform), with its content and cited posts snapshotted so the version never changes afterwards.
 * Users in the test split of the latest frozen version stay in test. The test set holds only what
 * people accepted: a test user's artifacts that triage rules accepted are left out of the version
 * (they cannot go to train without putting the user on both sides).
 */
export function createSplitVersion(projectId: number, input: { ratios: Ratios; seed: string }, actor: Actor, opts: { db?: Sqlite; now?: Date } = {}): SplitVersionSummary {
  const problem = validateRatios(input.ratios);
  if (problem) throw new AppError("invalid_input", problem);
  if (!input.seed.trim()) throw new AppError("invalid_input", "A split needs a seed, so that it can be made again.");
  const db = opts.db ?? rawDb();
  const at = sqlDate(opts.now ?? new Date());
  return immediate(db, () => {
    const users = stmt(
      db,
      `SELECT DISTINCT a.uid, a.platform FROM Artifact a WHERE a.projectId = ? AND a.status = 'accepted'`,
    ).all(projectId) as { uid: string; platform: string }[];
    if (users.length === 0) throw new AppError("conflict", "No artifact is final and accepted yet: there is nothing to split.");

    const lastFrozen = stmt(db, `SELECT id FROM SplitVersion WHERE projectId = ? AND status = 'frozen' ORDER BY version DESC LIMIT 1`).pluck().get(projectId) as number | undefined;
    const pinned = new Map<string, Split>(
      lastFrozen === undefined ? [] : (stmt(db, `SELECT DISTINCT uid FROM SplitMember WHERE splitVersionId = ? AND split = 'test'`).pluck().all(lastFrozen) as string[]).map((uid) => [uid, "test"]),
    );
    const assignment = assignSplits(users, input.ratios, input.seed, pinned);

    const version = ((stmt(db, `SELECT MAX(version) FROM SplitVersion WHERE projectId = ?`).pluck().get(projectId) as number | null) ?? 0) + 1;
    const verdictCursor = stmt(db, `SELECT COALESCE(MAX(id), 0) FROM VerdictEvent`).pluck().get() as number;
    const versionId = Number(
      stmt(db, `INSERT INTO SplitVersion (projectId, version, seed, ratiosJson, status, verdictCursor, templatesJson, ruleSetVersion, createdById, createdAt)
        VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`).run(
        projectId, version, input.seed, JSON.stringify(input.ratios), verdictCursor, JSON.stringify(currentVersionsSync(projectId, db)), currentRuleSetSync(projectId, db).version,
        actor.actorId ?? null, at,
      ).lastInsertRowid,
    );
    const insert = stmt(db, `INSERT INTO SplitMember (splitVersionId, artifactId, uid, platform, kind, split, contentJson, contentHash, postIdsJson) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const counts: SplitVersionSummary["counts"] = { train: { users: 0, artifacts: 0 }, validation: { users: 0, artifacts: 0 }, test: { users: 0, artifacts: 0 } };
    let ruleAcceptedLeftOut = 0;
    // in pages: better-sqlite3 cannot write while a read streams, and 1M artifacts must not sit in memory
    const page = stmt(
      db,
      `SELECT a.id, a.uid, a.platform, a.kind, COALESCE(a.finalContentJson, a.contentJson) AS content, a.sourcePostIdsJson AS postIds, a.decidedBy
       FROM Artifact a WHERE a.projectId = ? AND a.status = 'accepted' AND a.id > ? ORDER BY a.id LIMIT ${PAGE}`,
    );
    for (let after = ""; ; ) {
      const rows = page.all(projectId, after) as Eligible[];
      for (const e of rows) {
        const split = assignment.get(e.uid)!;
        if (split === "test" && e.decidedBy === "rules") {
          ruleAcceptedLeftOut++;
          continue;
        }
        insert.run(versionId, e.id, e.uid, e.platform, e.kind, split, e.content, createHash("sha256").update(e.content).digest("hex"), e.postIds);
        counts[split].artifacts++;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
    // users with at least one artifact in the version (a test user with only rule-accepted artifacts has none)
    for (const r of stmt(db, `SELECT split, COUNT(DISTINCT uid) AS users FROM SplitMember WHERE splitVersionId = ? GROUP BY split`).all(versionId) as { split: Split; users: number }[]) {
      counts[r.split].users = r.users;
    }
    writeAudit(db, { ...actor, action: "split.created", entityType: "SplitVersion", entityId: versionId, projectId, after: { version, seed: input.seed, ratios: input.ratios, counts, ruleAcceptedLeftOut } });
    return { versionId, version, counts, ruleAcceptedLeftOut };
  });
}
