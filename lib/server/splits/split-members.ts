import "server-only";
import type { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ArtifactKind } from "../../domain/kinds";
import type { Split } from "../../domain/splits";

const MemberRow = row({
  artifactId: col.text,
  uid: col.text,
  platform: col.text,
  kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  split: col.text as unknown as z.ZodType<Split, string>,
  contentJson: col.text,
  contentHash: col.text,
  postIdsJson: col.text,
  flavor: col.text.nullable(),
  /** the artifact's judge scores (packed) and check flags, for its rule outcome */
  scoresPacked: col.int.nullable(),
  flags: col.int.nullable(),
});
export type Member = z.output<typeof MemberRow>;

const PAGE = 5000;

/** A split version's members ordered by uid and artifact, read in pages (keyset) so memory stays flat. */
export async function* splitMembers(q: Queryable, projectId: number, versionId: number): AsyncGenerator<Member> {
  let uid = "";
  let artifactId = "";
  for (;;) {
    const rows = await q.many(
      MemberRow,
      sql`SELECT m."artifactId", m."uid", m."platform", m."kind", m."split", m."contentJson", m."contentHash", m."postIdsJson", a."flavor", a."scoresPacked", a."flags"
          FROM "SplitMember" m JOIN "Artifact" a ON a."projectId" = ${projectId} AND a."id" = m."artifactId"
          WHERE m."splitVersionId" = ${versionId} AND (m."uid" > ${uid} OR (m."uid" = ${uid} AND m."artifactId" > ${artifactId}))
          ORDER BY m."uid", m."artifactId" LIMIT ${PAGE}`,
    );
    yield* rows;
    if (rows.length < PAGE) return;
    ({ uid, artifactId } = rows[rows.length - 1]);
  }
}

/** The members grouped by user (all of one uid at a time). */
export async function* membersByUser(q: Queryable, projectId: number, versionId: number): AsyncGenerator<Member[]> {
  let group: Member[] = [];
  for await (const m of splitMembers(q, projectId, versionId)) {
    if (group.length && group[0].uid !== m.uid) {
      yield group;
      group = [];
    }
    group.push(m);
  }
  if (group.length) yield group;
}
