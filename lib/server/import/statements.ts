import "server-only";
import type { Sqlite } from "../sqlite";

/** The prepared statements of one import, compiled once per connection. */
export function prepareImportStatements(db: Sqlite) {
  const p = (sql: string) => db.prepare(sql);
  return {
    insertUser: p(`INSERT INTO SourceUser (projectId, uid, platform, metaJson, batchId, line)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    storedUser: p(`SELECT platform, metaJson AS meta FROM SourceUser WHERE projectId = ? AND uid = ?`),
    userPlatform: p(`SELECT platform FROM SourceUser WHERE projectId = ? AND uid = ?`).pluck(),

    insertPost: p(`INSERT INTO Post (projectId, id, uid, platform, kind, createdAt, title, text, rewrite, tagsJson,
      quality, harmless, metaJson, batchId, line)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    storedPost: p(`SELECT uid, platform, kind, createdAt, title, text, rewrite, tagsJson AS tags, metaJson AS meta
      FROM Post WHERE projectId = ? AND id = ?`),
    postUid: p(`SELECT uid FROM Post WHERE projectId = ? AND id = ?`).pluck(),
    postText: p(`SELECT text FROM Post WHERE projectId = ? AND id = ?`).pluck(),

    // with its review state: the verdicts that follow an artifact in the file are in before it is written
    insertArtifact: p(`INSERT INTO Artifact (projectId, id, uid, platform, kind, flavor, contentJson, sourcePostIdsJson, generatorModel,
      generatorPrompt, judgeModel, judgeScoresJson, judgeExplanation, judgeOverall, judgeMin, scoresPacked, isGold,
      flags, batchId, line, importedAt, status, verdictCount, disagreement, finalDecision, finalContentJson, finalizedAt, decidedBy, reasonFlags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    storedArtifact: p(`SELECT uid, kind, flavor, contentJson AS content, sourcePostIdsJson, generatorModel, generatorPrompt,
      judgeModel, judgeScoresJson AS scores, judgeExplanation AS explanation FROM Artifact WHERE projectId = ? AND id = ?`),
    artifactExists: p(`SELECT 1 FROM Artifact WHERE projectId = ? AND id = ?`).pluck(),

    insertVerdict: p(`INSERT INTO VerdictEvent (projectId, artifactId, accountId, decision, reasonsJson, contentJson,
      comment, source, batchId, line, createdAt)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?) ON CONFLICT DO NOTHING`),
    storedVerdict: p(`SELECT decision, reasonsJson AS reasons, contentJson AS content, comment FROM VerdictEvent
      WHERE projectId = ? AND artifactId = ? AND accountId = ? AND createdAt = ?`),
    account: p(`SELECT id FROM Account WHERE email = ? AND active = 1`).pluck(),
    isMember: p(`SELECT 1 FROM ProjectMember WHERE projectId = ? AND accountId = ?`).pluck(),
    // distinct annotators of an artifact's stored verdicts (this file's included: they are written as they come), and whether one is this account
    verdictAnnotators: p(`SELECT COUNT(DISTINCT accountId) AS n, COALESCE(MAX(accountId = ?), 0) AS mine FROM VerdictEvent WHERE projectId = ? AND artifactId = ?`),

    addPending: p(`INSERT INTO temp.pending_ref (line, what, key, ref, extra) VALUES (?, ?, ?, ?, ?)`),
  };
}

export type ImportStatements = ReturnType<typeof prepareImportStatements>;

/**
 * References that could not be resolved when their line was read (the target may come later in
 * the file) are parked in a temporary table and checked once the whole file is in.
 */
export function createPendingTable(db: Sqlite): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS pending_ref (line INTEGER, what TEXT, key TEXT, ref TEXT, extra TEXT);
    DELETE FROM temp.pending_ref;`);
}

export interface Dangling {
  line: number;
  reason: string;
}

/** Every parked reference that still points nowhere (or at the wrong user), with its reason. */
export function* danglingReferences(db: Sqlite, projectId: number, projectName: string): Generator<Dangling> {
  const rows = db
    .prepare(
      `SELECT p.line, p.what, p.key, p.ref, p.extra,
         u.platform AS userPlatform, po.uid AS postUid, a.id AS artifactId
       FROM temp.pending_ref p
       LEFT JOIN SourceUser u ON p.what IN ('post.user', 'artifact.user') AND u.projectId = ? AND u.uid = p.ref
       LEFT JOIN Post po ON p.what = 'artifact.post' AND po.projectId = ? AND po.id = p.ref
       LEFT JOIN Artifact a ON p.what = 'verdict.artifact' AND a.projectId = ? AND a.id = p.ref
       ORDER BY p.line`,
    )
    .iterate(projectId, projectId, projectId) as Iterable<{
    line: number;
    what: string;
    key: string;
    ref: string;
    extra: string | null;
    userPlatform: string | null;
    postUid: string | null;
    artifactId: string | null;
  }>;
  const where = `neither in this file nor in project "${projectName}"`;
  for (const r of rows) {
    if (r.what === "post.user" || r.what === "artifact.user") {
      const thing = r.what === "post.user" ? "post" : "artifact";
      if (r.userPlatform === null) yield { line: r.line, reason: `${thing} "${r.key}" refers to user "${r.ref}", which is ${where}` };
      else if (r.what === "post.user" && r.extra !== r.userPlatform)
        yield { line: r.line, reason: `post "${r.key}" is on ${r.extra} but its user "${r.ref}" is on ${r.userPlatform}` };
    } else if (r.what === "artifact.post") {
      if (r.postUid === null) yield { line: r.line, reason: `artifact "${r.key}" cites post "${r.ref}", which is ${where}` };
      else if (r.postUid !== r.extra)
        yield { line: r.line, reason: `artifact "${r.key}" of user "${r.extra}" cites post "${r.ref}" of another user ("${r.postUid}")` };
    } else if (r.what === "verdict.artifact" && r.artifactId === null) {
      yield { line: r.line, reason: `verdict refers to artifact "${r.ref}", which is ${where}` };
    }
  }
}
