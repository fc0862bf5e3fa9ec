// The bare references of the import benchmark, each in its own process so that its peak RSS is its own.
// Usage: tsx --conditions=react-server bench/import-worker.ts jsonb|indexed FILE DATABASE_URL
// - jsonb: the same lines COPY'd into one (key, type, jsonb) table, nothing validated or merged;
// - indexed: the same, then written with INSERT ... SELECT into tables with the workbench's columns,
//   defaults and indexes (users, posts, artifacts, their state and search words; no triggers, no foreign
//   keys, nothing checked): what PostgreSQL needs to reach the import's end state. DATABASE_URL must
//   be migrated.
import fs from "node:fs";
import { openDb } from "../lib/db/client";
import { copyRow } from "../lib/db/copy-text";
import { sql } from "../lib/db/sql";
import { readLines } from "../lib/server/import/read-lines";

const [mode, file, url] = process.argv.slice(2);
if (mode !== "jsonb" && mode !== "indexed") throw new Error("usage: import-worker.ts jsonb|indexed FILE DATABASE_URL");
const db = openDb(url);
const started = performance.now();
let lines = 0;
async function* rows() {
  for await (const l of readLines(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
    if (!("text" in l)) continue;
    lines++;
    // the key and type as a bare loader would pick them, without parsing the line
    const type = /"type":"(\w+)"/.exec(l.text)?.[1] ?? "";
    const key = /"(?:id|uid|artifact_id)":"([^"]*)"/.exec(l.text)?.[1] ?? "";
    yield copyRow([lines, key, type, l.text]);
  }
}
await db.tx(async (t) => {
  await t.exec(sql`CREATE TEMP TABLE "bare" ("line" INTEGER, "key" TEXT, "type" TEXT, "doc" JSONB)`);
  await t.copyIn("bare", ["line", "key", "type", "doc"], rows());
  if (mode === "jsonb") return;
  const like = (table: string) => sql.raw(`CREATE TABLE "bare_${table}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  for (const table of ["SourceUser", "Post", "Artifact", "ArtifactState", "ArtifactText"]) await t.exec(like(table));
  await t.exec(sql`INSERT INTO "bare_SourceUser" ("projectId", "uid", "platform", "metaJson", "line")
                   SELECT 1, "key", "doc"->>'platform', "doc"->>'meta', "line" FROM "bare" WHERE "type" = 'user'`);
  await t.exec(sql`INSERT INTO "bare_Post" ("projectId", "id", "uid", "platform", "kind", "createdAt", "title", "text", "rewrite", "tagsJson", "metaJson", "line")
                   SELECT 1, "key", "doc"->>'uid', "doc"->>'platform', COALESCE("doc"->>'kind', 'post'), ("doc"->>'created_at')::timestamptz, "doc"->>'title',
                          "doc"->>'text', "doc"->>'rewrite', COALESCE("doc"->>'tags', '{}'), COALESCE("doc"->>'meta', '{}'), "line"
                   FROM "bare" WHERE "type" = 'post'`);
  await t.exec(sql`INSERT INTO "bare_Artifact" ("projectId", "id", "uid", "platform", "kind", "flavor", "contentJson", "sourcePostIdsJson", "generatorModel", "generatorPrompt",
                     "judgeModel", "judgeScoresJson", "judgeExplanation", "judgeOverall", "judgeMin", "flags", "line", "importedAt")
                   SELECT 1, "key", "doc"->>'uid', split_part("key", ':', 1), "doc"->>'kind', "doc"->>'flavor', "doc"->>'content', "doc"->>'source_post_ids',
                          "doc"#>>'{generator,model}', "doc"#>>'{generator,prompt}', "doc"#>>'{judge,model}', "doc"#>>'{judge,scores}', "doc"#>>'{judge,explanation}',
                          ("doc"#>>'{judge,scores,overall}')::int, ("doc"#>>'{judge,scores,hallucination}')::int, 0, "line", now()
                   FROM "bare" WHERE "type" = 'artifact'`);
  await t.exec(sql`INSERT INTO "bare_ArtifactState" ("projectId", "artifactId", "kind", "flavor", "platform", "flags", "isGold", "importedAt")
                   SELECT 1, "key", "doc"->>'kind', "doc"->>'flavor', split_part("key", ':', 1), 0, false, now() FROM "bare" WHERE "type" = 'artifact'`);
  await t.exec(sql`INSERT INTO "bare_ArtifactText" ("projectId", "artifactId", "words")
                   SELECT 1, "key", jsonb_to_tsvector('simple', "doc"->'content', '["string"]') FROM "bare" WHERE "type" = 'artifact'`);
});
const seconds = (performance.now() - started) / 1000;
await db.close();
process.stdout.write(`${JSON.stringify({ lines, seconds })}\n`);
