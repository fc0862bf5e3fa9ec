import "server-only";
import type { z } from "zod";
import type { Db } from "../../db/client";
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
  /** the artifact's judge scores (packed) and check flags when the version was made, for its rule outcome */
  scoresPacked: col.int.nullable(),
  flags: col.int.nullable(),
});
export type Member = z.output<typeof MemberRow>;

const PostRow = row({ uid: col.text, id: col.text, createdAt: col.date.nullable(), text: col.text });
export type MemberPost = z.output<typeof PostRow>;

/** A split version's members ordered by uid and artifact, streamed through one cursor so memory stays flat. */
export function splitMembers(d: Db, versionId: number): AsyncIterable<Member> {
  return d.stream(
    MemberRow,
    sql`SELECT "artifactId", "uid", "platform", "kind", "split", "contentJson", "contentHash", "postIdsJson", "flavor", "scoresPacked", "flags"
        FROM "SplitMember" WHERE "splitVersionId" = ${versionId} ORDER BY "uid", "artifactId"`,
  );
}

/** The posts of the version's users, ordered by uid (as splitMembers orders them), then by time. */
function memberPosts(d: Db, projectId: number, versionId: number): AsyncIterable<MemberPost> {
  return d.stream(
    PostRow,
    sql`SELECT p."uid", p."id", p."createdAt", p."text" FROM "Post" p
        WHERE p."projectId" = ${projectId} AND p."uid" IN (SELECT "uid" FROM "SplitMember" WHERE "splitVersionId" = ${versionId})
        ORDER BY p."uid", p."createdAt", p."id"`,
  );
}

/**
 * The members grouped by user (all of one uid at a time), each group with its user's posts. Two
 * cursors in the same uid order, merged as they go: a user without posts is one whose uid the posts
 * cursor has not reached (no comparison of uids in JavaScript, whose order may differ from the
 * database's collation).
 */
export async function* membersByUser(d: Db, projectId: number, versionId: number): AsyncGenerator<{ members: Member[]; posts: MemberPost[] }> {
  const members = splitMembers(d, versionId)[Symbol.asyncIterator]();
  const posts = memberPosts(d, projectId, versionId)[Symbol.asyncIterator]();
  try {
    // both queries start at once: the server sorts them side by side
    let [member, post] = await Promise.all([members.next(), posts.next()]);
    while (!member.done) {
      const group: Member[] = [];
      const uid = member.value.uid;
      for (; !member.done && member.value.uid === uid; member = await members.next()) group.push(member.value);
      const found: MemberPost[] = [];
      for (; !post.done && post.value.uid === uid; post = await posts.next()) found.push(post.value);
      yield { members: group, posts: found };
    }
  } finally {
    await Promise.all([members.return?.(), posts.return?.()]);
  }
}
