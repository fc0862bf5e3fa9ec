// Runs in its own process so that its peak RSS is the importer's alone.
// Usage: tsx --conditions=react-server bench/import-worker.ts importer|baseline FILE DATABASE_URL
import fs from "node:fs";
import readline from "node:readline";
import { importBatch } from "../lib/server/import/import-batch";
import { migrate } from "../lib/server/migrate";
import { openSqlite, sqlDate } from "../lib/server/sqlite";

const [mode, file, url] = process.argv.slice(2);
const db = openSqlite(url);
migrate(db);
db.prepare(`INSERT INTO Project (name, updatedAt) VALUES ('bench', ?)`).run(sqlDate(new Date()));
const insertAccount = db.prepare(`INSERT INTO Account (email, role, passwordHash) VALUES (?, 'annotator', 'x')`);
for (let i = 1; i <= 3; i++) insertAccount.run(`bench${i}@example.org`);
// imported verdicts come from the project's annotators
db.prepare(`INSERT INTO ProjectMember (projectId, accountId, createdAt) SELECT 1, id, ? FROM Account`).run(sqlDate(new Date()));

const started = performance.now();
let lines = 0;
if (mode === "importer") {
  db.close();
  const result = await importBatch({ projectId: 1, source: fs.createReadStream(file, { highWaterMark: 1 << 20 }), fileName: file, actor: { actorLabel: "bench" }, databaseUrl: url });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  const s = result.summary;
  lines = s.users + s.posts + s.artifacts + s.verdicts + s.unchanged + s.conflicts;
} else {
  lines = await bareBaseline();
  db.close();
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ mode, lines, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

/** The same rows through prepared statements in one transaction: no validation, no conflict checks. */
async function bareBaseline(): Promise<number> {
  const now = sqlDate(new Date());
  const user = db.prepare(`INSERT INTO SourceUser (projectId, uid, platform, metaJson) VALUES (1, ?, ?, ?)`);
  const post = db.prepare(`INSERT INTO Post (projectId, id, uid, platform, kind, createdAt, title, text, rewrite, tagsJson, metaJson)
    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const artifact = db.prepare(`INSERT INTO Artifact (projectId, id, uid, kind, flavor, contentJson, sourcePostIdsJson, judgeScoresJson, importedAt)
    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const verdict = db.prepare(`INSERT INTO VerdictEvent (projectId, artifactId, accountId, decision, reasonsJson, contentJson, createdAt)
    VALUES (1, ?, (SELECT id FROM Account WHERE email = ?), ?, ?, ?, ?)`);
  let n = 0;
  db.exec("BEGIN");
  for await (const text of readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
    const r = JSON.parse(text);
    n++;
    if (r.type === "user") user.run(r.uid, r.platform, JSON.stringify(r.meta));
    else if (r.type === "post") post.run(r.id, r.uid, r.platform, r.kind, r.created_at, r.title ?? null, r.text, r.rewrite ?? null, JSON.stringify(r.tags), JSON.stringify(r.meta));
    else if (r.type === "artifact") {
      artifact.run(r.id, r.uid, r.kind, r.flavor ?? null, JSON.stringify(r.content), JSON.stringify(r.source_post_ids), r.judge ? JSON.stringify(r.judge.scores) : null, now);
    } else verdict.run(r.artifact_id, r.annotator, r.decision, JSON.stringify(r.reasons), r.content ? JSON.stringify(r.content) : null, r.created_at);
  }
  db.exec("COMMIT");
  return n;
}
