import "server-only";
import { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { flagsOf, highlightArtifact } from "../../domain/highlights";
import type { ArtifactKind } from "../../domain/kinds";

const CHUNK = 1000;

const Missing = row({
  projectId: col.int, id: col.text, uid: col.text, kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  content: col.json(z.record(z.string(), z.unknown())), postIds: col.json(z.array(z.string())),
});

/**
 * Computes the deterministic checks' flags (and the copied platform) of artifacts that have none:
 * those whose user or cited posts came later in their import file, and rows imported before the
 * columns existed. Runs in chunks on the caller's transaction; returns how many rows it filled.
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
    for (const r of rows) {
      const texts: string[] = [];
      for (const id of r.postIds) {
        const post = await t.maybe(row({ text: col.text }), sql`SELECT "text" FROM "Post" WHERE "projectId" = ${r.projectId} AND "id" = ${id}`);
        texts.push(post?.text ?? "");
      }
      const flags = flagsOf(highlightArtifact(r.kind, r.content, texts));
      await t.exec(sql`UPDATE "Artifact" SET "flags" = ${flags}, "platform" = (SELECT u."platform" FROM "SourceUser" u WHERE u."projectId" = ${r.projectId} AND u."uid" = ${r.uid})
                       WHERE "projectId" = ${r.projectId} AND "id" = ${r.id}`);
    }
    filled += rows.length;
  }
}
