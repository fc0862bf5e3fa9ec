import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";

/**
 * The set-based half of an import: from the staging table (staging.ts) into the project's tables,
 * a statement per record type, for each chunk of the file in turn (the staging table holds one
 * chunk of users, posts and artifacts, and every verdict). The first line of each new key is
 * written; the file's other lines of a key, and lines of keys stored before, are compared with what
 * is stored (unchanged or a conflict). References are checked as each chunk is written, and what
 * does not resolve yet (a user or post may come in a later chunk) is checked again once the whole
 * file is in (resolveReferences); review rules are checked by SQL too. What fails is written to
 * "import_error" with its line, and the caller rolls the whole file back.
 */
export interface MergeScope {
  projectId: number;
  projectName: string;
  batchId: number;
  overlap: number;
  importedAt: Date;
}

const Count = row({ n: col.int });

/** The first line of each key of a type: the one written when the key is new (a narrow aggregate, not a sort of whole lines). */
const firstLines = (type: string, alias = ""): Sql => sql`${sql.raw(alias)}"line" IN (SELECT min("line") FROM "import_line" WHERE "type" = ${type} GROUP BY "key")`;
const where = (s: MergeScope): Sql => sql`${`neither in this file nor in project "${s.projectName}"`}::text`;

export async function mergeUsers(t: Queryable, s: MergeScope): Promise<number> {
  return t.exec(sql`
    INSERT INTO "SourceUser" ("projectId", "uid", "platform", "metaJson", "batchId", "line")
    SELECT ${s.projectId}, "key", "platform", "meta", ${s.batchId}, "line" FROM "import_line" WHERE "type" = 'user' AND ${firstLines("user")}
    ON CONFLICT DO NOTHING`);
}

/**
 * Writes the chunk's new posts. A post whose user is not stored (yet), or is on another platform,
 * goes to "import_unresolved_post" for resolveReferences.
 */
export async function mergePosts(t: Queryable, s: MergeScope): Promise<number> {
  const { n } = await t.one(
    Count,
    sql`WITH "ins" AS (
          INSERT INTO "Post" ("projectId", "id", "uid", "platform", "kind", "createdAt", "title", "text", "rewrite", "tagsJson", "metaJson", "batchId", "line")
          SELECT ${s.projectId}, "key", "uid", "platform", "kind", "created_at", "title", "body", "rewrite", "tags", "meta", ${s.batchId}, "line"
          FROM "import_line" WHERE "type" = 'post' AND ${firstLines("post")}
          ON CONFLICT DO NOTHING RETURNING "line", "id", "uid", "platform"
        ), "later" AS (
          INSERT INTO "import_unresolved_post" ("line", "id", "uid", "platform")
          SELECT i."line", i."id", i."uid", i."platform" FROM "ins" i LEFT JOIN "SourceUser" u ON u."projectId" = ${s.projectId} AND u."uid" = i."uid"
          WHERE u."uid" IS NULL OR u."platform" <> i."platform"
          RETURNING 1
        )
        SELECT count(*) AS "n" FROM "ins"`,
  );
  return n;
}

/**
 * Whether the flags computed while staging can be kept: they used the names of the file's own
 * post lines, which is what is stored unless one of those posts (in this chunk) was stored before
 * this import.
 */
export async function stagedFlagsHold(t: Queryable, s: MergeScope): Promise<boolean> {
  const stale = await t.maybe(
    Count,
    sql`SELECT 1 AS "n" FROM "import_line" l JOIN "Post" p ON p."projectId" = ${s.projectId} AND p."id" = l."key"
        WHERE l."type" = 'post' AND p."batchId" IS DISTINCT FROM ${s.batchId} LIMIT 1`,
  );
  return stale === undefined;
}

/**
 * Writes the chunk's new artifacts, with their user's platform and their words for search.
 * `flagsHold` is false once a post of the file turned out to be stored before (stagedFlagsHold):
 * flags computed from the file's names then count only where no cited post was. An artifact whose
 * user is not stored (yet), or that cites a post not stored (yet) or another user's, goes to
 * "import_unresolved_artifact" for resolveReferences.
 */
export async function mergeArtifacts(t: Queryable, s: MergeScope, flagsHold: boolean): Promise<number> {
  const flags = flagsHold
    ? sql`l."flags"`
    : sql`CASE WHEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(l."post_ids"::jsonb) AS c("pid")
                                JOIN "Post" p ON p."projectId" = ${s.projectId} AND p."id" = c."pid" AND p."batchId" IS DISTINCT FROM ${s.batchId}) THEN l."flags" END`;
  const { n } = await t.one(
    Count,
    sql`WITH "ins" AS (
          INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "flavor", "contentJson", "sourcePostIdsJson", "generatorModel", "generatorPrompt", "source",
            "judgeModel", "judgeScoresJson", "judgeExplanation", "judgeOverall", "judgeMin", "scoresPacked", "flags", "batchId", "line", "importedAt")
          SELECT ${s.projectId}, l."key", l."uid", COALESCE(u."platform", ''), l."kind", l."flavor", l."content", l."post_ids", l."generator_model",
            l."generator_prompt", l."source", l."judge_model", l."scores", l."explanation", l."overall", l."min_score", l."packed", ${flags}, ${s.batchId}, l."line", ${s.importedAt}
          FROM "import_line" l LEFT JOIN "SourceUser" u ON u."projectId" = ${s.projectId} AND u."uid" = l."uid"
          WHERE l."type" = 'artifact' AND ${firstLines("artifact", "l.")}
          ON CONFLICT DO NOTHING RETURNING "line", "id", "uid", "platform", "sourcePostIdsJson", "contentJson"
        ), "words" AS (
          INSERT INTO "ArtifactText" ("projectId", "artifactId", "words")
          SELECT ${s.projectId}, i."id", jsonb_to_tsvector('simple', i."contentJson"::jsonb, '["string"]') FROM "ins" i
          RETURNING 1
        ), "no_user" AS (
          INSERT INTO "import_unresolved_artifact" ("line", "id", "uid", "pid")
          SELECT i."line", i."id", i."uid", NULL FROM "ins" i WHERE i."platform" = ''
            AND NOT EXISTS (SELECT 1 FROM "SourceUser" u WHERE u."projectId" = ${s.projectId} AND u."uid" = i."uid")
          RETURNING 1
        ), "bad_post" AS (
          INSERT INTO "import_unresolved_artifact" ("line", "id", "uid", "pid")
          SELECT i."line", i."id", i."uid", c."pid"
          FROM "ins" i CROSS JOIN LATERAL jsonb_array_elements_text(i."sourcePostIdsJson"::jsonb) AS c("pid")
          LEFT JOIN "Post" p ON p."projectId" = ${s.projectId} AND p."id" = c."pid"
          WHERE p."id" IS NULL OR p."uid" <> i."uid"
          RETURNING 1
        )
        SELECT count(*) AS "n" FROM "ins"`,
  );
  return n;
}

/**
 * Checks again, once the whole file is in, the references that did not resolve when their chunk
 * was written: what still dangles is an error; an artifact whose user came later takes its
 * platform now.
 */
export async function resolveReferences(t: Queryable, s: MergeScope): Promise<void> {
  await t.exec(sql`
    INSERT INTO "import_error" ("line", "reason")
    SELECT i."line", CASE WHEN u."uid" IS NULL THEN format('post "%s" refers to user "%s", which is %s', i."id", i."uid", ${where(s)})
                          ELSE format('post "%s" is on %s but its user "%s" is on %s', i."id", i."platform", i."uid", u."platform") END
    FROM "import_unresolved_post" i LEFT JOIN "SourceUser" u ON u."projectId" = ${s.projectId} AND u."uid" = i."uid"
    WHERE u."uid" IS NULL OR u."platform" <> i."platform"`);
  await t.exec(sql`
    INSERT INTO "import_error" ("line", "reason")
    SELECT i."line", format('artifact "%s" refers to user "%s", which is %s', i."id", i."uid", ${where(s)}) FROM "import_unresolved_artifact" i
    WHERE i."pid" IS NULL AND NOT EXISTS (SELECT 1 FROM "SourceUser" u WHERE u."projectId" = ${s.projectId} AND u."uid" = i."uid")`);
  await t.exec(sql`
    UPDATE "Artifact" a SET "platform" = u."platform" FROM "import_unresolved_artifact" i JOIN "SourceUser" u ON u."projectId" = ${s.projectId} AND u."uid" = i."uid"
    WHERE i."pid" IS NULL AND a."projectId" = ${s.projectId} AND a."id" = i."id"`);
  await t.exec(sql`
    INSERT INTO "import_error" ("line", "reason")
    SELECT i."line", CASE WHEN p."id" IS NULL THEN format('artifact "%s" cites post "%s", which is %s', i."id", i."pid", ${where(s)})
                          ELSE format('artifact "%s" of user "%s" cites post "%s" of another user ("%s")', i."id", i."uid", i."pid", p."uid") END
    FROM "import_unresolved_artifact" i LEFT JOIN "Post" p ON p."projectId" = ${s.projectId} AND p."id" = i."pid"
    WHERE i."pid" IS NOT NULL AND (p."id" IS NULL OR p."uid" <> i."uid")`);
}

/**
 * The staged verdicts with what the review rules need: the annotator's active account, whether it
 * is a member of the project, whether the artifact exists (stored, or written by this import).
 */
export async function stageVerdicts(t: Queryable, s: MergeScope): Promise<void> {
  await t.exec(sql`CREATE TEMP TABLE "import_verdict" ("line" INTEGER, "artifact_id" TEXT, "annotator" TEXT, "account_id" INTEGER, "member" BOOLEAN, "found" BOOLEAN,
                     "decision" TEXT, "reasons" TEXT, "content" TEXT, "comment" TEXT, "created_at" TIMESTAMPTZ(3)) ON COMMIT DROP`);
  await t.exec(sql`
    INSERT INTO "import_verdict"
    SELECT l."line", l."key", l."annotator", a."id", m."accountId" IS NOT NULL, ar."id" IS NOT NULL, l."decision", l."reasons", l."content", l."comment", l."created_at"
    FROM "import_line" l
    LEFT JOIN "Account" a ON a."email" = l."annotator" AND a."active"
    LEFT JOIN "ProjectMember" m ON m."projectId" = ${s.projectId} AND m."accountId" = a."id"
    LEFT JOIN "Artifact" ar ON ar."projectId" = ${s.projectId} AND ar."id" = l."key"
    WHERE l."type" = 'verdict'`);
}

/**
 * The review rules of imported verdicts: an active account that is a member of the project, an
 * artifact that exists, and no artifact with more distinct annotators than the overlap (stored
 * annotators first, then the file's in the order of their first line).
 */
export async function checkVerdicts(t: Queryable, s: MergeScope): Promise<void> {
  await t.exec(sql`
    INSERT INTO "import_error" ("line", "reason")
    SELECT "line", CASE
      WHEN "account_id" IS NULL THEN format('annotator "%s" has no active account; create it first (npm run cli -- users add --email %s --role annotator)', "annotator", "annotator")
      WHEN NOT "member" THEN format('annotator "%s" is not a member of project "%s"; assign them on its settings page (or with cli import --assign) first', "annotator", ${s.projectName}::text)
      ELSE format('verdict refers to artifact "%s", which is %s', "artifact_id", ${where(s)}) END
    FROM "import_verdict" WHERE "account_id" IS NULL OR NOT "member" OR NOT "found"`);
  await t.exec(sql`
    WITH "valid" AS (SELECT * FROM "import_verdict" WHERE "account_id" IS NOT NULL AND "member" AND "found"),
    "stored" AS (
      SELECT DISTINCT v."artifactId", v."accountId" FROM "VerdictEvent" v
      WHERE v."projectId" = ${s.projectId} AND v."artifactId" IN (SELECT "artifact_id" FROM "valid")
    ),
    "stored_n" AS (SELECT "artifactId", count(*) AS "n" FROM "stored" GROUP BY 1),
    "newcomer" AS (
      SELECT "artifact_id", "account_id", min("line") AS "first" FROM "valid" v
      WHERE NOT EXISTS (SELECT 1 FROM "stored" s WHERE s."artifactId" = v."artifact_id" AND s."accountId" = v."account_id")
      GROUP BY 1, 2
    ),
    "ranked" AS (
      SELECT c."artifact_id", c."account_id", COALESCE(n."n", 0) + row_number() OVER (PARTITION BY c."artifact_id" ORDER BY c."first") AS "nth"
      FROM "newcomer" c LEFT JOIN "stored_n" n ON n."artifactId" = c."artifact_id"
    )
    INSERT INTO "import_error" ("line", "reason")
    SELECT v."line", format('artifact "%s" already has verdicts of %s annotators, the project''s overlap; a verdict of another annotator is one too many', v."artifact_id", ${s.overlap}::integer)
    FROM "valid" v JOIN "ranked" r ON r."artifact_id" = v."artifact_id" AND r."account_id" = v."account_id"
    WHERE r."nth" > ${s.overlap}`);
}

/** Writes the new verdicts (once the file has no errors), in file order; the artifacts they touch go to "import_touched". */
export async function mergeVerdicts(t: Queryable, s: MergeScope): Promise<number> {
  await t.exec(sql`CREATE TEMP TABLE "import_touched" ("artifact_id" TEXT PRIMARY KEY) ON COMMIT DROP`);
  const { n } = await t.one(
    Count,
    sql`WITH "ins" AS (
          INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "reasonsJson", "contentJson", "comment", "source", "batchId", "line", "createdAt")
          SELECT ${s.projectId}, "artifact_id", "account_id", "decision", "reasons", "content", "comment", 'import', ${s.batchId}, "line", "created_at"
          FROM (SELECT DISTINCT ON ("artifact_id", "account_id", "created_at") * FROM "import_verdict" ORDER BY "artifact_id", "account_id", "created_at", "line") first
          ORDER BY "line"
          ON CONFLICT DO NOTHING RETURNING "artifactId"
        ), "touched" AS (
          INSERT INTO "import_touched" SELECT DISTINCT "artifactId" FROM "ins" RETURNING 1
        )
        SELECT count(*) AS "n" FROM "ins"`,
  );
  return n;
}

const Issue = row({ line: col.int, reason: col.text });

/** The problems SQL found, in file order. */
export function mergeErrors(t: Queryable): AsyncIterable<{ line: number; reason: string }> {
  return t.stream(Issue, sql`SELECT "line", "reason" FROM "import_error" ORDER BY "line", "reason"`);
}
