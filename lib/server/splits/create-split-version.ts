import "server-only";
import { db, forNoKeyUpdate, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { copyRow } from "../../db/copy-text";
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

const Count = row({ n: col.int.nullable() });

/**
 * A new draft split version: every final accepted artifact, assigned by user (seeded, stratified by
 * platform), with its content and cited posts snapshotted so the version never changes afterwards.
 * Users in the test split of the latest frozen version stay in test. The test set holds only what
 * people accepted: a test user's artifacts that triage rules accepted are left out of the version
 * (they cannot go to train without putting the user on both sides).
 */
export async function createSplitVersion(
  projectId: number,
  input: { ratios: Ratios; seed: string },
  actor: Actor,
  opts: { db?: Db; now?: Date; /** the share done, 0..1, at each step */ onProgress?: (fraction: number) => void } = {},
): Promise<SplitVersionSummary> {
  const problem = validateRatios(input.ratios);
  if (problem) throw new AppError("invalid_input", problem);
  if (!input.seed.trim()) throw new AppError("invalid_input", "A split needs a seed, so that it can be made again.");
  const at = opts.now ?? new Date();
  return (opts.db ?? db()).tx(async (t) => {
    // one version at a time per project: the project's row is held until this one is written
    await t.exec(sql`SELECT 1 FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    const users = await t.many(
      row({ uid: col.text, platform: col.text }),
      sql`SELECT DISTINCT a."uid", a."platform" FROM "Artifact" a JOIN "ArtifactState" st ON st."projectId" = a."projectId" AND st."artifactId" = a."id" WHERE a."projectId" = ${projectId} AND st."status" = 'accepted'`,
    );
    if (users.length === 0) throw new AppError("conflict", "No artifact is final and accepted yet: there is nothing to split.");

    const lastFrozen = await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "SplitVersion" WHERE "projectId" = ${projectId} AND "status" = 'frozen' ORDER BY "version" DESC LIMIT 1`);
    const pinned = new Map<string, Split>(
      lastFrozen === undefined
        ? []
        : (await t.many(row({ uid: col.text }), sql`SELECT DISTINCT "uid" FROM "SplitMember" WHERE "splitVersionId" = ${lastFrozen.id} AND "split" = 'test'`)).map((r) => [r.uid, "test"]),
    );
    const assignment = assignSplits(users, input.ratios, input.seed, pinned);
    opts.onProgress?.(0.2);

    const version = ((await t.one(Count, sql`SELECT MAX("version") AS "n" FROM "SplitVersion" WHERE "projectId" = ${projectId}`)).n ?? 0) + 1;
    const verdictCursor = (await t.one(Count, sql`SELECT COALESCE(MAX("id"), 0) AS "n" FROM "VerdictEvent"`)).n ?? 0;
    const templates = await currentVersions(projectId, t);
    const ruleSet = await currentRuleSet(projectId, t);
    const { id: versionId } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "SplitVersion" ("projectId", "version", "seed", "ratiosJson", "status", "verdictCursor", "verdictSnapshot", "templatesJson", "ruleSetVersion", "createdById", "createdAt")
          VALUES (${projectId}, ${version}, ${input.seed}, ${JSON.stringify(input.ratios)}, 'draft', ${verdictCursor}, pg_current_snapshot(), ${JSON.stringify(templates)}, ${ruleSet.version}, ${actor.actorId ?? null}, ${at})
          RETURNING "id"`,
    );
    // the assignment goes to the server, which writes the members in one statement (content
    // snapshotted and hashed there), in the order an export reads them
    await t.exec(sql`CREATE TEMPORARY TABLE split_assignment ("uid" TEXT PRIMARY KEY, "split" TEXT NOT NULL) ON COMMIT DROP`);
    await t.copyIn(
      "split_assignment",
      ["uid", "split"],
      (async function* () {
        for (const [uid, split] of assignment) yield copyRow([uid, split]);
      })(),
    );
    await t.exec(sql`ANALYZE split_assignment`);
    opts.onProgress?.(0.3);
    const eligible = sql`FROM "Artifact" a JOIN "ArtifactState" st ON st."projectId" = a."projectId" AND st."artifactId" = a."id" JOIN split_assignment s ON s."uid" = a."uid" WHERE a."projectId" = ${projectId} AND st."status" = 'accepted'`;
    // the test set holds only what people accepted
    const leftOut = sql`s."split" = 'test' AND st."decidedBy" IS NOT DISTINCT FROM 'rules'`;
    const content = sql`COALESCE(st."finalContentJson", a."contentJson")`;
    await t.exec(
      sql`INSERT INTO "SplitMember" ("splitVersionId", "artifactId", "uid", "platform", "kind", "split", "contentJson", "contentHash", "postIdsJson", "flavor", "scoresPacked", "flags")
          SELECT ${versionId}, a."id", a."uid", a."platform", a."kind", s."split", ${content}, encode(sha256(convert_to(${content}, 'UTF8')), 'hex'), a."sourcePostIdsJson", a."flavor", a."scoresPacked", a."flags"
          ${eligible} AND NOT (${leftOut}) ORDER BY a."uid", a."id"`,
    );
    opts.onProgress?.(0.9);
    const { n: ruleAcceptedLeftOut } = await t.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" ${eligible} AND ${leftOut}`);
    const counts: SplitVersionSummary["counts"] = { train: { users: 0, artifacts: 0 }, validation: { users: 0, artifacts: 0 }, test: { users: 0, artifacts: 0 } };
    // users with at least one artifact in the version (a test user with only rule-accepted artifacts has none)
    const perSplit = await t.many(
      row({ split: col.text, users: col.int, artifacts: col.int }),
      sql`SELECT "split", COUNT(DISTINCT "uid") AS "users", COUNT(*) AS "artifacts" FROM "SplitMember" WHERE "splitVersionId" = ${versionId} GROUP BY "split"`,
    );
    for (const r of perSplit) counts[r.split as Split] = { users: r.users, artifacts: r.artifacts };
    await writeAudit(t, {
      ...actor,
      action: "split.created",
      entityType: "SplitVersion",
      entityId: versionId,
      projectId,
      after: { version, seed: input.seed, ratios: input.ratios, counts, ruleAcceptedLeftOut },
    });
    return { versionId, version, counts, ruleAcceptedLeftOut };
  });
}
