import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import type { MergeScope } from "./merge-staged";

/**
 * The staged lines that wrote nothing (merge-staged.ts): a key stored before, or a later line of a
 * key the file repeats, compared with what is stored: unchanged, or a conflict (reported, and the
 * stored row kept).
 */
export interface Repeats {
  unchanged: number;
  /** the lines of known keys with other content, in file order */
  conflicts: AsyncIterable<{ line: number; reason: string }>;
}

const Tally = row({ unchanged: col.int, conflicts: col.int });
const Conflict = row({ line: col.int, reason: col.text });

/**
 * The lines that wrote nothing: a key stored before, or a later line of a key the file repeats.
 * `join` matches a staged line `l` to its stored row `s`; `same` says whether the contents agree.
 */
async function repeats(t: Queryable, s: MergeScope, from: Sql, same: Sql, describe: Sql): Promise<Repeats> {
  const rest = sql`${from} WHERE (s."batchId" IS DISTINCT FROM ${s.batchId} OR s."line" <> l."line")`;
  const tally = await t.one(Tally, sql`SELECT count(*) FILTER (WHERE ${same}) AS "unchanged", count(*) FILTER (WHERE NOT (${same})) AS "conflicts" ${rest}`);
  async function* conflicts() {
    if (tally.conflicts === 0) return;
    yield* t.stream(Conflict, sql`SELECT l."line", ${describe} || ' is already stored with different content; kept the stored one' AS "reason" ${rest} AND NOT (${same}) ORDER BY l."line"`);
  }
  return { unchanged: tally.unchanged, conflicts: conflicts() };
}

const same = (pairs: [string, string][]): Sql => sql.raw(pairs.map(([stored, staged]) => `s."${stored}" IS NOT DISTINCT FROM l."${staged}"`).join(" AND "));

/** How a staged user, post or artifact line finds its stored row, and the columns (stored, staged) compared. */
const STORED = {
  user: {
    table: "SourceUser",
    key: "uid",
    compared: [
      ["platform", "platform"],
      ["metaJson", "meta"],
    ],
  },
  post: {
    table: "Post",
    key: "id",
    compared: [
      ["uid", "uid"],
      ["platform", "platform"],
      ["kind", "kind"],
      ["createdAt", "created_at"],
      ["title", "title"],
      ["text", "body"],
      ["rewrite", "rewrite"],
      ["tagsJson", "tags"],
      ["metaJson", "meta"],
    ],
  },
  artifact: {
    table: "Artifact",
    key: "id",
    compared: [
      ["uid", "uid"],
      ["kind", "kind"],
      ["flavor", "flavor"],
      ["contentJson", "content"],
      ["sourcePostIdsJson", "post_ids"],
      ["generatorModel", "generator_model"],
      ["generatorPrompt", "generator_prompt"],
      ["judgeModel", "judge_model"],
      ["judgeScoresJson", "scores"],
      ["judgeExplanation", "explanation"],
    ],
  },
} satisfies Record<string, { table: string; key: string; compared: [string, string][] }>;

/** The staged lines of a type (this chunk's) that wrote nothing. */
export function stagedRepeats(type: keyof typeof STORED, t: Queryable, s: MergeScope): Promise<Repeats> {
  const { table, key, compared } = STORED[type];
  return repeats(
    t,
    s,
    sql`FROM "import_line" l JOIN ${sql.raw(`"${table}"`)} s ON s."projectId" = ${s.projectId} AND s.${sql.raw(`"${key}"`)} = l."key" AND l."type" = ${sql.raw(`'${type}'`)}`,
    same(compared),
    sql`format(${`conflict: ${type} "%s"`}, l."key")`,
  );
}

export function verdictRepeats(t: Queryable, s: MergeScope): Promise<Repeats> {
  return repeats(
    t,
    s,
    sql`FROM "import_verdict" l JOIN "VerdictEvent" s ON s."projectId" = ${s.projectId} AND s."artifactId" = l."artifact_id" AND s."accountId" = l."account_id" AND s."createdAt" = l."created_at"`,
    same([
      ["decision", "decision"],
      ["reasonsJson", "reasons"],
      ["contentJson", "content"],
      ["comment", "comment"],
    ]),
    sql`format('conflict: the verdict of %s on "%s" at %s', l."annotator", l."artifact_id", to_char(l."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  );
}
