import "server-only";
import type { Queryable } from "../../db/client";
import { copyRow, type CopyRows, type CopyValue } from "../../db/copy-text";
import { sql } from "../../db/sql";
import { importFlags } from "../../domain/highlights";
import type { PreparedRow } from "./prepare-line";

/**
 * The staging table of one import: the good lines of a chunk of the file, whatever their type, in
 * one table (so each chunk goes through one COPY), dropped with the transaction. Users, posts and
 * artifacts are cleared after their chunk is merged (clearChunk); verdicts stay until the end, when
 * every artifact they may refer to is in. `key` is the record's own key (a user's uid, a post's or
 * artifact's id) or, for a verdict, its artifact's id.
 */
const COLUMNS = {
  line: "INTEGER",
  type: "TEXT",
  key: "TEXT",
  uid: "TEXT",
  platform: "TEXT",
  meta: "TEXT",
  kind: "TEXT",
  created_at: "TIMESTAMPTZ(3)",
  title: "TEXT",
  body: "TEXT",
  rewrite: "TEXT",
  tags: "TEXT",
  flavor: "TEXT",
  content: "TEXT",
  post_ids: "TEXT",
  generator_model: "TEXT",
  generator_prompt: "TEXT",
  source: "TEXT",
  judge_model: "TEXT",
  scores: "TEXT",
  explanation: "TEXT",
  overall: "INTEGER",
  min_score: "INTEGER",
  packed: "BIGINT",
  flags: "INTEGER",
  annotator: "TEXT",
  decision: "TEXT",
  reasons: "TEXT",
  comment: "TEXT",
} as const;

type Column = keyof typeof COLUMNS;
const NAMES = Object.keys(COLUMNS) as Column[];
const INDEX = Object.fromEntries(NAMES.map((n, i) => [n, i])) as Record<Column, number>;

const RECORD_TYPES = ["user", "post", "artifact", "verdict"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The table, partitioned by type: a statement about one type reads only that type's lines. */
export async function createStaging(t: Queryable): Promise<void> {
  const columns = NAMES.map((n) => `"${n}" ${COLUMNS[n]}`).join(", ");
  await t.exec(sql`DROP TABLE IF EXISTS "import_line", "import_error", "import_unresolved_post", "import_unresolved_artifact"`);
  await t.exec(sql.raw(`CREATE TEMP TABLE "import_line" (${columns}) PARTITION BY LIST ("type") ON COMMIT DROP`));
  for (const type of RECORD_TYPES) await t.exec(sql.raw(`CREATE TEMP TABLE "import_line_${type}" PARTITION OF "import_line" FOR VALUES IN ('${type}')`));
  // the problems found by SQL (references, review rules); the file's own are kept in memory
  await t.exec(sql`CREATE TEMP TABLE "import_error" ("line" INTEGER NOT NULL, "reason" TEXT NOT NULL) ON COMMIT DROP`);
  // references that did not resolve when their chunk was merged: checked again at the end (a NULL "pid" is an artifact's missing user)
  await t.exec(sql`CREATE TEMP TABLE "import_unresolved_post" ("line" INTEGER NOT NULL, "id" TEXT, "uid" TEXT, "platform" TEXT) ON COMMIT DROP`);
  await t.exec(sql`CREATE TEMP TABLE "import_unresolved_artifact" ("line" INTEGER NOT NULL, "id" TEXT, "uid" TEXT, "pid" TEXT) ON COMMIT DROP`);
}

/** Copies a chunk's staged rows in. */
export async function copyStaged(t: Queryable, rows: CopyRows): Promise<void> {
  await t.copyIn("import_line", NAMES, rows);
}

/** Drops the merged chunk's users, posts and artifacts (verdicts stay for the end). */
export async function clearChunk(t: Queryable): Promise<void> {
  await t.exec(sql`TRUNCATE "import_line_user", "import_line_post", "import_line_artifact"`);
}

/** Gives the planner the staged verdicts' statistics before the statements that read them (nothing analyzes temp tables by itself). */
export async function analyzeStagedVerdicts(t: Queryable): Promise<void> {
  await t.exec(sql`ANALYZE "import_line_verdict"`);
}

function stagedRow(values: Partial<Record<Column, CopyValue>>): string {
  const out: CopyValue[] = new Array<CopyValue>(NAMES.length).fill(null);
  for (const [k, v] of Object.entries(values)) out[INDEX[k as Column]] = v ?? null;
  return copyRow(out);
}

/** How many recently seen posts' names are kept for the leaked-name check of the artifacts citing them. */
const RECENT_POSTS = 20_000;

/**
 * Turns prepared rows into staging rows. An artifact's checks need the person names of its user's
 * posts (the cited ones above all); the pipeline writes a user's posts right before its artifacts, so
 * the names of recent posts and users are kept (the first line of each post id, which is the one stored if it is new). Where a
 * cited post was not seen, or turns out to be stored already, the flags stay NULL and
 * fillMissingFlags computes them from the stored texts.
 */
export class StagingEncoder {
  private names = new Map<string, string[]>();
  /** the names in each recent user's posts seen so far in the file: a real name leaks from any of them, cited or not */
  private userNames = new Map<string, Set<string>>();

  encode(r: PreparedRow): string {
    switch (r.type) {
      case "user":
        return stagedRow({ line: r.line, type: "user", key: r.uid, uid: r.uid, platform: r.platform, meta: r.meta });
      case "post":
        if (!this.names.has(r.id)) {
          if (this.names.size >= RECENT_POSTS) this.names.clear();
          this.names.set(r.id, r.names);
        }
        if (r.names.length) {
          let names = this.userNames.get(r.uid);
          if (!names) {
            if (this.userNames.size >= RECENT_POSTS) this.userNames.clear();
            this.userNames.set(r.uid, (names = new Set()));
          }
          for (const n of r.names) names.add(n);
        }
        return stagedRow({
          line: r.line,
          type: "post",
          key: r.id,
          uid: r.uid,
          platform: r.platform,
          kind: r.kind,
          created_at: r.createdAt,
          title: r.title,
          body: r.text,
          rewrite: r.rewrite,
          tags: r.tags,
          meta: r.meta,
        });
      case "artifact":
        return stagedRow({
          line: r.line,
          type: "artifact",
          key: r.id,
          uid: r.uid,
          kind: r.kind,
          flavor: r.flavor,
          content: r.content,
          post_ids: r.sourcePostIdsJson,
          generator_model: r.generatorModel,
          generator_prompt: r.generatorPrompt,
          source: r.source,
          judge_model: r.judgeModel,
          scores: r.scores,
          explanation: r.explanation,
          overall: r.overall,
          min_score: r.minScore,
          packed: r.packedScores,
          flags: this.flagsOf(r),
        });
      case "verdict":
        return stagedRow({
          line: r.line,
          type: "verdict",
          key: r.artifactId,
          annotator: r.annotator,
          decision: r.decision,
          reasons: r.reasons,
          content: r.content,
          comment: r.comment,
          created_at: r.createdAt,
        });
    }
  }

  private flagsOf(a: Extract<PreparedRow, { type: "artifact" }>): number | null {
    const names: string[] = [];
    for (const id of a.sourcePostIds) {
      const found = this.names.get(id);
      if (found === undefined) return null;
      names.push(...found);
    }
    names.push(...(this.userNames.get(a.uid) ?? []));
    return importFlags(a.contentFlags, a.contentValue, names);
  }
}
