import "server-only";
import { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { flagsOf, highlightWithNames, namesInPosts } from "../../domain/highlights";
import type { ArtifactKind } from "../../domain/kinds";

const CHUNK = 1000;

const Missing = row({
  projectId: col.int,
  id: col.text,
  uid: col.text,
  kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  content: col.json(z.record(z.string(), z.unknown())),
  postIds: col.json(z.array(z.string())),
});

/**
 * Computes the deterministic checks' flags (and the copied platform) of artifacts that have none:
 * those whose user or cited posts came later in their import file, and rows imported before the
 * columns existed. Runs in chunks on the caller's transaction, one update per chunk; returns how many rows it filled.
 */
export async function fillMissingFlags(t: Queryable, projectId?: number): Promise<number> {
  const scope = projectId === undefined ? sql.empty : sql` AND "projectId" = ${projectId}`;
  let filled = 0;
  for (;;) {
    const rows = await t.many(
      Missing,
      sql`SELECT "projectId", "id", "uid", "kind", "contentJson" AS "content", "sourcePostIdsJson" AS "postIds" FROM "Artifact" WHERE "flags" IS NULL${scope} LIMIT ${CHUNK}`,
    );
    if (rows.length === 0) return filled;
    const texts = await citedTexts(t, rows);
    const userNames = await namesOfUsers(t, rows);
    const flags = rows.map((r) =>
      flagsOf(highlightWithNames(r.kind, r.content, [...namesInPosts(r.postIds.map((id) => texts.get(`${r.projectId}\u0000${id}`) ?? "")), ...(userNames.get(`${r.projectId}\u0000${r.uid}`) ?? [])])),
    );
    await t.exec(sql`UPDATE "Artifact" a SET "flags" = f."flags",
                       "platform" = COALESCE((SELECT u."platform" FROM "SourceUser" u WHERE u."projectId" = a."projectId" AND u."uid" = a."uid"), a."platform")
                     FROM unnest(${rows.map((r) => r.projectId)}::integer[], ${rows.map((r) => r.id)}::text[], ${flags}::integer[]) AS f("projectId", "id", "flags")
                     WHERE a."projectId" = f."projectId" AND a."id" = f."id"`);
    filled += rows.length;
  }
}

/** The texts of the posts a chunk of artifacts cites, one query per project, keyed by project and post id. */
async function citedTexts(t: Queryable, rows: z.output<typeof Missing>[]): Promise<Map<string, string>> {
  const byProject = new Map<number, Set<string>>();
  for (const r of rows) for (const id of r.postIds) (byProject.get(r.projectId) ?? byProject.set(r.projectId, new Set()).get(r.projectId)!).add(id);
  const texts = new Map<string, string>();
  for (const [projectId, ids] of byProject) {
    const posts = await t.many(row({ id: col.text, text: col.text }), sql`SELECT "id", "text" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = ANY(${[...ids]}::text[])`);
    for (const p of posts) texts.set(`${projectId}\u0000${p.id}`, p.text);
  }
  return texts;
}

/** How many of a user's posts (the first by date, as the review screen shows them) give the names an artifact must not leak. */
const USER_POSTS = 200;

/** The person names in each user's posts, for a chunk of artifacts; keyed by project and uid. */
async function namesOfUsers(t: Queryable, rows: z.output<typeof Missing>[]): Promise<Map<string, string[]>> {
  const byProject = new Map<number, Set<string>>();
  for (const r of rows) (byProject.get(r.projectId) ?? byProject.set(r.projectId, new Set()).get(r.projectId)!).add(r.uid);
  const names = new Map<string, string[]>();
  for (const [projectId, uids] of byProject) {
    const posts = await t.many(
      row({ uid: col.text, texts: col.json(z.array(z.string())) }),
      sql`SELECT u."uid", (SELECT COALESCE(json_agg(p."text"), '[]'::json) FROM (SELECT "text" FROM "Post" WHERE "projectId" = ${projectId} AND "uid" = u."uid" ORDER BY "createdAt", "id" LIMIT ${USER_POSTS}) p) AS "texts"
          FROM unnest(${[...uids]}::text[]) AS u("uid")`,
    );
    for (const p of posts) names.set(`${projectId}\u0000${p.uid}`, namesInPosts(p.texts));
  }
  return names;
}
