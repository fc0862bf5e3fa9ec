import "server-only";
import { z } from "zod";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { disputeCase, rankScore } from "../../domain/dispute-case";
import { ARTIFACT_KINDS } from "../../domain/kinds";
import { unpackScores } from "../../domain/qc/packed-scores";
import { judgePasses, type RuleSet } from "../../domain/qc/rule-set";
import type { ReviewState } from "../../domain/review-state";
import { currentRuleSet } from "../qc/rule-sets";

/**
 * The adjudication list's rows, kept on write (migration 024, "Dispute"): one per disputed
 * artifact with its live votes, the judge's side under the current rules and the case's rank
 * (lib/domain/dispute-case.ts). The artifact's row trigger removes a row when its artifact stops
 * being disputed; the functions here write the rest.
 */

const Judged = row({ id: col.text, kind: z.enum(ARTIFACT_KINDS), flavor: col.text.nullable(), scoresPacked: col.int.nullable() });

interface Votes {
  artifactId: string;
  accepts: number;
  edits: number;
  rejects: number;
}

/** The case of each artifact under `rules`: its judge's side and its rank. */
function ranked(rules: RuleSet, votes: readonly Votes[], judged: Map<string, z.output<typeof Judged>>) {
  return votes.map((v) => {
    const a = judged.get(v.artifactId);
    const judgePass = a ? judgePasses(rules, { kind: a.kind, flavor: a.flavor, scores: a.scoresPacked === null ? null : unpackScores(a.scoresPacked) }) : null;
    return { ...v, judgePass, rank: rankScore(disputeCase({ ...v, judgePass })) };
  });
}

/** Writes (or rewrites) the Dispute rows of these artifacts, ranked with the project's current rules. */
async function writeDisputes(t: Queryable, projectId: number, votes: readonly Votes[]): Promise<void> {
  if (votes.length === 0) return;
  const { version, rules } = await currentRuleSet(projectId, t);
  const ids = votes.map((v) => v.artifactId);
  const judged = new Map(
    (await t.many(Judged, sql`SELECT "id", "kind", "flavor", "scoresPacked" FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" IN ${sql.list(ids)}`)).map((a) => [a.id, a]),
  );
  const rows = ranked(rules, votes, judged);
  const column = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await t.exec(
    sql`INSERT INTO "Dispute" ("projectId", "artifactId", "accepts", "edits", "rejects", "judgePass", "rank", "rankedWith", "importedAt")
        SELECT ${projectId}, s."id", s."accepts", s."edits", s."rejects", s."judgePass", s."rank", ${version}, a."importedAt"
        FROM unnest(${ids}::text[], ${column((r) => r.accepts)}::int[], ${column((r) => r.edits)}::int[], ${column((r) => r.rejects)}::int[],
                    ${column((r) => r.judgePass)}::boolean[], ${column((r) => r.rank)}::bigint[]) AS s("id", "accepts", "edits", "rejects", "judgePass", "rank")
        JOIN "Artifact" a ON a."projectId" = ${projectId} AND a."id" = s."id"
        ORDER BY s."id"
        ON CONFLICT ("projectId", "artifactId") DO UPDATE SET "accepts" = EXCLUDED."accepts", "edits" = EXCLUDED."edits", "rejects" = EXCLUDED."rejects",
          "judgePass" = EXCLUDED."judgePass", "rank" = EXCLUDED."rank", "rankedWith" = EXCLUDED."rankedWith"`,
  );
}

/**
 * Keeps the list current for artifacts whose review state was just stored (in the caller's
 * transaction): the disputed ones are written with their votes and rank. (Those that left the
 * dispute were removed by the row trigger.)
 */
export async function storeDisputes(t: Queryable, projectId: number, states: readonly { artifactId: string; state: ReviewState }[]): Promise<void> {
  await writeDisputes(
    t,
    projectId,
    states.filter((s) => s.state.status === "disputed").map((s) => ({ artifactId: s.artifactId, ...s.state.votes })),
  );
}

const CHUNK = 5_000;
const Stale = row({ artifactId: col.text, accepts: col.int, edits: col.int, rejects: col.int });

/**
 * Ranks again the project's disputes ranked with another rule set version than the current one
 * (or never), CHUNK at a time, each chunk its own short transaction. Returns how many it ranked.
 */
export async function rankStaleDisputes(projectId: number, q = db()): Promise<number> {
  // the common case, nothing stale, is two probes at the ends of the rankedWith index: the newest
  // version (NULL first, never ranked) and the oldest. (EXISTS of rankedWith < $v was planned, once
  // the statement's plan went generic, as a scan of every dispute: 35 ms at 160,000.)
  const { version } = await currentRuleSet(projectId, q);
  const ends = await q.maybe(
    row({ newest: col.int.nullable(), oldest: col.int.nullable() }),
    sql`SELECT n."rankedWith" AS "newest", o."rankedWith" AS "oldest"
        FROM (SELECT "rankedWith" FROM "Dispute" WHERE "projectId" = ${projectId} ORDER BY "rankedWith" DESC NULLS FIRST LIMIT 1) n
        CROSS JOIN LATERAL (SELECT "rankedWith" FROM "Dispute" WHERE "projectId" = ${projectId} ORDER BY "rankedWith" ASC NULLS LAST LIMIT 1) o`,
  );
  if (!ends || (ends.newest === version && ends.oldest === version)) return 0;
  let done = 0;
  for (;;) {
    const n = await q.tx(async (t) => {
      const { version } = await currentRuleSet(projectId, t);
      const stale = await t.many(
        Stale,
        sql`SELECT "artifactId", "accepts", "edits", "rejects" FROM "Dispute"
            WHERE "projectId" = ${projectId} AND ("rankedWith" IS NULL OR "rankedWith" < ${version} OR "rankedWith" > ${version})
            ORDER BY "artifactId" LIMIT ${CHUNK} FOR UPDATE SKIP LOCKED`,
      );
      await writeDisputes(t, projectId, stale);
      return stale.length;
    });
    done += n;
    if (n < CHUNK) return done;
  }
}
