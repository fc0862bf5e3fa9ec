import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

const StoredUser = row({ platform: col.text, meta: col.text });
const StoredPost = row({
  uid: col.text, platform: col.text, kind: col.text, createdAt: col.date.nullable(), title: col.text.nullable(), text: col.text,
  rewrite: col.text.nullable(), tags: col.text, meta: col.text,
});
const StoredArtifact = row({
  uid: col.text, kind: col.text, flavor: col.text.nullable(), content: col.text, sourcePostIdsJson: col.text, generatorModel: col.text.nullable(),
  generatorPrompt: col.text.nullable(), judgeModel: col.text.nullable(), scores: col.text.nullable(), explanation: col.text.nullable(),
});
const StoredVerdict = row({ decision: col.text, reasons: col.text, content: col.text.nullable(), comment: col.text.nullable() });
const Id = row({ id: col.int });
const Text = row({ v: col.text });

export interface NewArtifact {
  id: string; uid: string; platform: string; kind: string; flavor: string | null; content: string; sourcePostIdsJson: string;
  generatorModel: string | null; generatorPrompt: string | null; judgeModel: string | null; scores: string | null; explanation: string | null;
  overall: number | null; minScore: number | null; packedScores: number | null; flags: number | null; line: number;
  status: string; verdictCount: number; disagreement: number; finalDecision: string | null; finalContent: string | null;
  finalizedAt: Date | null; decidedBy: string | null; reasonFlags: number;
}

/** The queries of one import, inside its transaction (the values of stored rows come back in the prepared lines' form). */
export function importQueries(t: Queryable, projectId: number, batchId: number, importedAt: Date) {
  const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    insertUser: (u: { uid: string; platform: string; meta: string; line: number }) =>
      t.exec(sql`INSERT INTO "SourceUser" ("projectId", "uid", "platform", "metaJson", "batchId", "line") VALUES (${projectId}, ${u.uid}, ${u.platform}, ${u.meta}, ${batchId}, ${u.line})
                 ON CONFLICT DO NOTHING`),
    storedUser: (uid: string) => t.maybe(StoredUser, sql`SELECT "platform", "metaJson" AS "meta" FROM "SourceUser" WHERE "projectId" = ${projectId} AND "uid" = ${uid}`),
    userPlatform: async (uid: string) => (await t.maybe(Text, sql`SELECT "platform" AS "v" FROM "SourceUser" WHERE "projectId" = ${projectId} AND "uid" = ${uid}`))?.v,

    insertPost: (p: { id: string; uid: string; platform: string; kind: string; createdAt: string | null; title: string | null; text: string; rewrite: string | null; tags: string; quality: string | null; harmless: boolean | null; meta: string; line: number }) =>
      t.exec(sql`INSERT INTO "Post" ("projectId", "id", "uid", "platform", "kind", "createdAt", "title", "text", "rewrite", "tagsJson", "quality", "harmless", "metaJson", "batchId", "line")
                 VALUES (${projectId}, ${p.id}, ${p.uid}, ${p.platform}, ${p.kind}, ${dateOrNull(p.createdAt)}, ${p.title}, ${p.text}, ${p.rewrite}, ${p.tags}, ${p.quality}, ${p.harmless}, ${p.meta}, ${batchId}, ${p.line})
                 ON CONFLICT DO NOTHING`),
    storedPost: (id: string) =>
      t.maybe(StoredPost, sql`SELECT "uid", "platform", "kind", "createdAt", "title", "text", "rewrite", "tagsJson" AS "tags", "metaJson" AS "meta" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = ${id}`),
    postUid: async (id: string) => (await t.maybe(Text, sql`SELECT "uid" AS "v" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = ${id}`))?.v,
    postText: async (id: string) => (await t.maybe(Text, sql`SELECT "text" AS "v" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = ${id}`))?.v,

    // with its review state: the verdicts that follow an artifact in the file are in before it is written
    insertArtifact: (a: NewArtifact) =>
      t.exec(sql`INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "flavor", "contentJson", "sourcePostIdsJson", "generatorModel",
                   "generatorPrompt", "judgeModel", "judgeScoresJson", "judgeExplanation", "judgeOverall", "judgeMin", "scoresPacked", "isGold",
                   "flags", "batchId", "line", "importedAt", "status", "verdictCount", "disagreement", "finalDecision", "finalContentJson", "finalizedAt", "decidedBy", "reasonFlags")
                 VALUES (${projectId}, ${a.id}, ${a.uid}, ${a.platform}, ${a.kind}, ${a.flavor}, ${a.content}, ${a.sourcePostIdsJson}, ${a.generatorModel},
                   ${a.generatorPrompt}, ${a.judgeModel}, ${a.scores}, ${a.explanation}, ${a.overall}, ${a.minScore}, ${a.packedScores}, FALSE,
                   ${a.flags}, ${batchId}, ${a.line}, ${importedAt}, ${a.status}, ${a.verdictCount}, ${a.disagreement}, ${a.finalDecision}, ${a.finalContent}, ${a.finalizedAt}, ${a.decidedBy}, ${a.reasonFlags})`),
    storedArtifact: (id: string) =>
      t.maybe(
        StoredArtifact,
        sql`SELECT "uid", "kind", "flavor", "contentJson" AS "content", "sourcePostIdsJson", "generatorModel", "generatorPrompt", "judgeModel", "judgeScoresJson" AS "scores",
                   "judgeExplanation" AS "explanation" FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" = ${id}`,
      ),
    artifactExists: async (id: string) => (await t.maybe(Text, sql`SELECT "id" AS "v" FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" = ${id}`)) !== undefined,

    insertVerdict: (v: { artifactId: string; accountId: number; decision: string; reasons: string; content: string | null; comment: string | null; line: number; createdAt: string }) =>
      t.exec(sql`INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "reasonsJson", "contentJson", "comment", "source", "batchId", "line", "createdAt")
                 VALUES (${projectId}, ${v.artifactId}, ${v.accountId}, ${v.decision}, ${v.reasons}, ${v.content}, ${v.comment}, 'import', ${batchId}, ${v.line}, ${new Date(v.createdAt)})
                 ON CONFLICT DO NOTHING`),
    storedVerdict: (artifactId: string, accountId: number, createdAt: string) =>
      t.maybe(
        StoredVerdict,
        sql`SELECT "decision", "reasonsJson" AS "reasons", "contentJson" AS "content", "comment" FROM "VerdictEvent"
            WHERE "projectId" = ${projectId} AND "artifactId" = ${artifactId} AND "accountId" = ${accountId} AND "createdAt" = ${new Date(createdAt)}`,
      ),
    account: async (email: string) => (await t.maybe(Id, sql`SELECT "id" FROM "Account" WHERE "email" = ${email} AND "active"`))?.id,
    isMember: async (accountId: number) => (await t.maybe(Id, sql`SELECT "accountId" AS "id" FROM "ProjectMember" WHERE "projectId" = ${projectId} AND "accountId" = ${accountId}`)) !== undefined,
    /** distinct annotators of an artifact's stored verdicts (this file's included: they are written as they come), and whether one is this account */
    verdictAnnotators: async (artifactId: string, accountId: number) => {
      const r = await t.one(
        row({ n: col.int, mine: col.int }),
        sql`SELECT COUNT(DISTINCT "accountId") AS "n", COUNT(*) FILTER (WHERE "accountId" = ${accountId}) AS "mine" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "artifactId" = ${artifactId}`,
      );
      return { n: r.n, mine: r.mine > 0 };
    },

    addPending: (line: number, what: string, key: string, ref: string, extra: string | null) =>
      t.exec(sql`INSERT INTO "pending_ref" ("line", "what", "key", "ref", "extra") VALUES (${line}, ${what}, ${key}, ${ref}, ${extra})`),
  };
}

export type ImportQueries = ReturnType<typeof importQueries>;

/**
 * References that could not be resolved when their line was read (the target may come later in
 * the file) are parked in a temporary table and checked once the whole file is in.
 */
export async function createPendingTable(t: Queryable): Promise<void> {
  await t.exec(sql`DROP TABLE IF EXISTS "pending_ref"`);
  await t.exec(sql`CREATE TEMP TABLE "pending_ref" ("line" INTEGER, "what" TEXT, "key" TEXT, "ref" TEXT, "extra" TEXT)`);
}

export interface Dangling {
  line: number;
  reason: string;
}

const Pending = row({
  line: col.int, what: col.text, key: col.text, ref: col.text, extra: col.text.nullable(), userPlatform: col.text.nullable(), postUid: col.text.nullable(), artifactId: col.text.nullable(),
});

/** Every parked reference that still points nowhere (or at the wrong user), with its reason. */
export async function* danglingReferences(t: Queryable, projectId: number, projectName: string): AsyncGenerator<Dangling> {
  const rows = t.stream(
    Pending,
    sql`SELECT p."line", p."what", p."key", p."ref", p."extra", u."platform" AS "userPlatform", po."uid" AS "postUid", a."id" AS "artifactId"
        FROM "pending_ref" p
        LEFT JOIN "SourceUser" u ON p."what" IN ('post.user', 'artifact.user') AND u."projectId" = ${projectId} AND u."uid" = p."ref"
        LEFT JOIN "Post" po ON p."what" = 'artifact.post' AND po."projectId" = ${projectId} AND po."id" = p."ref"
        LEFT JOIN "Artifact" a ON p."what" = 'verdict.artifact' AND a."projectId" = ${projectId} AND a."id" = p."ref"
        ORDER BY p."line"`,
  );
  const where = `neither in this file nor in project "${projectName}"`;
  for await (const r of rows) {
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

