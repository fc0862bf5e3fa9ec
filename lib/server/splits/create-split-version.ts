import "server-only";
import { db, forUpdate, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import { createHash } from "node:crypto";
import { assignSplits, validateRatios, type Ratios, type Split } from "../../domain/splits";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { currentVersions } from "../projects/prompt-templates";
import { currentRuleSet } from "../qc/rule-sets";

export interface SplitVersionSummary {
  versionId: number;
  version: number;
  counts: Record<Split, { users: number; artifacts: number }>;
  /** accepted artifacts of test users that the rules, not people, accepted: the test set leaves them out */
  ruleAcceptedLeftOut: number;
}

const PAGE = 5000;
const INSERT_ROWS = 500;

const Eligible = row({ id: col.text, uid: col.text, platform: col.text, kind: col.text, content: col.text, postIds: col.text, decidedBy: col.text.nullable() });
const Count = row({ n: col.int.nullable() });

/**
 * A new draft split version: every final accepted artifact, assigned by user (seeded, stratified by
 * platform), with its content and cited posts snapshotted so the version never changes afterwards.
 * Users in the test split of the latest frozen version stay in test. The test set holds only what
 * people accepted: a test user's artifacts that triage rules accepted are left out of the version
 * (they cannot go to train without putting the user on both sides).
 */
export async function createSplitVersion(projectId: number, input: { ratios: Ratios; seed: string }, actor: Actor, opts: { db?: Db; now?: Date } = {}): Promise<SplitVersionSummary> {
  const problem = validateRatios(input.ratios);
  if (problem) throw new AppError("invalid_input", problem);
  if (!input.seed.trim()) throw new AppError("invalid_input", "A split needs a seed, so that it can be made again.");
  const at = opts.now ?? new Date();
  return (opts.db ?? db()).tx(async (t) => {
    // one version at a time per project: the project's row is held until this one is written
    await t.exec(sql`SELECT 1 FROM "Project" WHERE "id" = ${projectId}${forUpdate(t)}`);
    const users = await t.many(row({ uid: col.text, platform: col.text }), sql`SELECT DISTINCT a."uid", a."platform" FROM "Artifact" a WHERE a."projectId" = ${projectId} AND a."status" = 'accepted'`);
    if (users.length === 0) throw new AppError("conflict", "No artifact is final and accepted yet: there is nothing to split.");

    const lastFrozen = await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "SplitVersion" WHERE "projectId" = ${projectId} AND "status" = 'frozen' ORDER BY "version" DESC LIMIT 1`);
    const pinned = new Map<string, Split>(
      lastFrozen === undefined
        ? []
        : (await t.many(row({ uid: col.text }), sql`SELECT DISTINCT "uid" FROM "SplitMember" WHERE "splitVersionId" = ${lastFrozen.id} AND "split" = 'test'`)).map((r) => [r.uid, "test"]),
    );
    const assignment = assignSplits(users, input.ratios, input.seed, pinned);

    const version = ((await t.one(Count, sql`SELECT MAX("version") AS "n" FROM "SplitVersion" WHERE "projectId" = ${projectId}`)).n ?? 0) + 1;
    const verdictCursor = (await t.one(Count, sql`SELECT COALESCE(MAX("id"), 0) AS "n" FROM "VerdictEvent"`)).n ?? 0;
    const templates = await currentVersions(projectId, t);
    const ruleSet = await currentRuleSet(projectId, t);
    const { id: versionId } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "SplitVersion" ("projectId", "version", "seed", "ratiosJson", "status", "verdictCursor", "templatesJson", "ruleSetVersion", "createdById", "createdAt")
          VALUES (${projectId}, ${version}, ${input.seed}, ${JSON.stringify(input.ratios)}, 'draft', ${verdictCursor}, ${JSON.stringify(templates)}, ${ruleSet.version}, ${actor.actorId ?? null}, ${at})
          RETURNING "id"`,
    );
    const counts: SplitVersionSummary["counts"] = { train: { users: 0, artifacts: 0 }, validation: { users: 0, artifacts: 0 }, test: { users: 0, artifacts: 0 } };
    let ruleAcceptedLeftOut = 0;
    // in pages, so that 1M artifacts never sit in memory, and written a few hundred rows per statement
    for (let after = ""; ; ) {
      const rows = await t.many(
        Eligible,
        sql`SELECT a."id", a."uid", a."platform", a."kind", COALESCE(a."finalContentJson", a."contentJson") AS "content", a."sourcePostIdsJson" AS "postIds", a."decidedBy"
            FROM "Artifact" a WHERE a."projectId" = ${projectId} AND a."status" = 'accepted' AND a."id" > ${after} ORDER BY a."id" LIMIT ${PAGE}`,
      );
      const values: Sql[] = [];
      for (const e of rows) {
        const split = assignment.get(e.uid)!;
        if (split === "test" && e.decidedBy === "rules") {
          ruleAcceptedLeftOut++;
          continue;
        }
        values.push(sql`(${versionId}, ${e.id}, ${e.uid}, ${e.platform}, ${e.kind}, ${split}, ${e.content}, ${createHash("sha256").update(e.content).digest("hex")}, ${e.postIds})`);
        counts[split].artifacts++;
      }
      for (let i = 0; i < values.length; i += INSERT_ROWS) {
        await t.exec(sql`INSERT INTO "SplitMember" ("splitVersionId", "artifactId", "uid", "platform", "kind", "split", "contentJson", "contentHash", "postIdsJson")
                         VALUES ${sql.join(values.slice(i, i + INSERT_ROWS))}`);
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
    // users with at least one artifact in the version (a test user with only rule-accepted artifacts has none)
    const perSplit = await t.many(row({ split: col.text, users: col.int }), sql`SELECT "split", COUNT(DISTINCT "uid") AS "users" FROM "SplitMember" WHERE "splitVersionId" = ${versionId} GROUP BY "split"`);
    for (const r of perSplit) counts[r.split as Split].users = r.users;
    await writeAudit(t, { ...actor, action: "split.created", entityType: "SplitVersion", entityId: versionId, projectId, after: { version, seed: input.seed, ratios: input.ratios, counts, ruleAcceptedLeftOut } });
    return { versionId, version, counts, ruleAcceptedLeftOut };
  });
}
