import "server-only";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { metricsFor, type JudgeMetric, type Platform } from "../../../domain/kinds";
import { isQualified, parseJudgeScores, parseQualityTags } from "../../../domain/humanllm/outputs";
import { expectedLayout, folderRole, HUMANLLM_PLATFORMS, judgeModelOf, type Stage } from "../../../domain/humanllm/stages";
import { SourceMap } from "../../../domain/humanllm/source-map";

// Reads a HumanLLM pipeline data directory (lib/domain/humanllm/stages.ts has the layout) into
// records of the workbench's import format, written to a JSON Lines file, each line remembered with
// the stage file and line it came from. What cannot be read is a problem at its file and line, and
// the caller imports nothing then; a generation that answered NULL or cannot be parsed is skipped
// and counted, as the pipeline itself skips it.

export interface ReadProblem {
  at: string;
  reason: string;
}

export interface ReadSummary {
  users: number;
  posts: number;
  artifacts: number;
  /** generations that declined (NULL) or could not be parsed, per stage folder */
  skipped: Record<string, number>;
  /** artifacts without a judge answer, per stage folder (the judged kinds only) */
  unjudged: Record<string, number>;
}

export interface ReadResult {
  summary: ReadSummary;
  problems: ReadProblem[];
  sourceMap: SourceMap;
}

type Row = Record<string, unknown>;
const PROBLEMS_KEPT = 1000;

async function* jsonLines(file: string): AsyncGenerator<{ line: number; row: Row | null; error?: string }> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    try {
      const row = JSON.parse(text) as unknown;
      if (typeof row !== "object" || row === null || Array.isArray(row)) yield { line: n, row: null, error: "not a JSON object" };
      else yield { line: n, row: row as Row };
    } catch (e) {
      yield { line: n, row: null, error: `not JSON: ${(e as Error).message}` };
    }
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

function isoDate(v: unknown): string | undefined {
  const text = str(v);
  if (text === undefined || text === "") return undefined;
  // Reddit's created_utc is Unix seconds (a number or a string of one); tweets have an ISO date
  const d = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A clean_data row as an import post, or why it cannot be one. */
function postOf(platform: Platform, uid: string, row: Row, source: string): Row | string {
  const id = str(row.id);
  if (!id) return "the post has no id";
  const tags = parseQualityTags(row.quality_tag);
  const common = { type: "post", id: `${platform}:${id}`, uid: `${platform}:${uid}`, platform, ...(tags ? { tags } : {}) };
  if (platform === "reddit") {
    const isComment = row.type === "t1";
    const title = str(row.title);
    const text = isComment ? str(row.com_body) : [title, str(row.selftext)].filter(Boolean).join("\n\n");
    const meta = { source, ...(row.subreddit !== undefined ? { subreddit: row.subreddit } : {}), ...(row.score !== undefined ? { score: row.score } : {}) };
    return {
      ...common,
      kind: isComment ? "comment" : "submission",
      text: text ?? "",
      ...(str(isComment ? row.rewrite_comment : row.rewrite_blog) ? { rewrite: str(isComment ? row.rewrite_comment : row.rewrite_blog) } : {}),
      ...(title ? { title } : {}),
      ...(isoDate(row.created_utc) ? { created_at: isoDate(row.created_utc) } : {}),
      meta,
    };
  }
  return {
    ...common,
    kind: "tweet",
    text: str(row.tweet) ?? str(row.text) ?? "",
    ...(str(row.rewrite_blog) ? { rewrite: str(row.rewrite_blog) } : {}),
    ...(isoDate(row.date ?? row.created_at) ? { created_at: isoDate(row.date ?? row.created_at) } : {}),
    meta: { source },
  };
}

/** The judge's scores kept to the kind's metrics. */
function judgeOf(stage: Stage, model: string, answer: unknown): { model?: string; scores: Partial<Record<JudgeMetric, number>> } | null {
  const allowed = metricsFor(stage.kind, stage.flavor);
  if (allowed.length === 0) return null;
  const scores = parseJudgeScores(answer);
  if (!scores) return null;
  const kept = Object.fromEntries(Object.entries(scores).filter(([m]) => allowed.includes(m as JudgeMetric)));
  return Object.keys(kept).length ? { ...(model ? { model } : {}), scores: kept } : null;
}

interface StageFolder {
  folder: string;
  stage: Stage;
  /** the newest judge folder (by name), and the model it names */
  judge: { folder: string; model: string } | null;
}

/**
 * Reads `dir` into `out` (a JSON Lines file). Refuses a directory that is not laid out as the
 * pipeline writes it, with what was expected.
 */
export async function readHumanLlm(dir: string, out: string): Promise<ReadResult> {
  const summary: ReadSummary = { users: 0, posts: 0, artifacts: 0, skipped: {}, unjudged: {} };
  const problems: ReadProblem[] = [];
  const problem = (at: string, reason: string) => void (problems.length < PROBLEMS_KEPT && problems.push({ at, reason }));
  const sourceMap = new SourceMap();
  const rel = (...parts: string[]) => path.posix.join(...parts);
  let sink: fs.WriteStream;
  const write = (record: Row, file: string, line: number) =>
    new Promise<void>((resolve) => {
      sourceMap.add(file, line);
      if (sink.write(`${JSON.stringify(record)}\n`)) resolve();
      else sink.once("drain", resolve);
    });
  const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);

  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new LayoutError(`${dir} is not a directory. Expected ${expectedLayout()}`);
  const platforms = HUMANLLM_PLATFORMS.filter((p) => fs.existsSync(path.join(dir, p, "clean_data")));
  const others = fs.readdirSync(dir).filter((f) => ["blogger", "amazon"].includes(f));
  if (platforms.length === 0) {
    const why = others.length ? `it holds ${others.join(" and ")}, whose layout (CSV files) the reader does not take yet` : "no platform folder with a clean_data folder is in it";
    throw new LayoutError(`${dir} is not a HumanLLM data directory: ${why}. Expected ${expectedLayout()}`);
  }

  sink = fs.createWriteStream(out, { encoding: "utf8" });
  try {
    for (const platform of platforms) {
      const base = path.join(dir, platform);
      const stages: StageFolder[] = [];
      for (const folder of fs.readdirSync(base).sort()) {
        if (!fs.statSync(path.join(base, folder)).isDirectory()) continue;
        const role = folderRole(folder);
        if (role.role === "unknown") problem(rel(platform, folder), `not a stage folder the reader knows. Expected ${expectedLayout()}`);
        if (role.role !== "stage") continue;
        const judges = fs
          .readdirSync(path.join(base, folder))
          .filter((f) => judgeModelOf(f) !== null && fs.statSync(path.join(base, folder, f)).isDirectory())
          .sort();
        const judge = judges.length ? { folder: judges[judges.length - 1], model: judgeModelOf(judges[judges.length - 1])! } : null;
        stages.push({ folder, stage: role.stage, judge });
      }

      const users = fs
        .readdirSync(path.join(base, "clean_data"))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.slice(0, -".json".length))
        .sort();
      const known = new Set(users);
      // artifacts of users whose posts are missing cannot cite them
      for (const s of stages) {
        for (const f of fs.readdirSync(path.join(base, s.folder))) {
          const m = /^(.+)\.(txt|json)$/.exec(f);
          if (m && m[2] === (s.stage.level === "user" ? "txt" : "json") && !known.has(m[1])) problem(rel(platform, s.folder, f), `user ${m[1]} has no ${rel(platform, "clean_data", `${m[1]}.json`)}`);
        }
      }

      for (const uid of users) {
        const postsFile = rel(platform, "clean_data", `${uid}.json`);
        await write({ type: "user", uid: `${platform}:${uid}`, platform }, postsFile, 0);
        summary.users++;
        const postIds = new Set<string>();
        const qualified: string[] = [];
        for await (const { line, row, error } of jsonLines(path.join(base, "clean_data", `${uid}.json`))) {
          if (!row) {
            problem(`${postsFile}:${line}`, error!);
            continue;
          }
          const post = postOf(platform, uid, row, `${postsFile}:${line}`);
          if (typeof post === "string") {
            problem(`${postsFile}:${line}`, post);
            continue;
          }
          await write(post, postsFile, line);
          summary.posts++;
          postIds.add(str(row.id)!);
          if (isQualified(parseQualityTags(row.quality_tag)) && row.type !== "t1") qualified.push(post.id as string);
        }

        for (const s of stages) {
          const folder = path.join(base, s.folder);
          const at = (f: string) => rel(platform, s.folder, f);
          const judged = (f: string) => (s.judge ? path.join(folder, s.judge.folder, f) : null);
          if (s.stage.level === "user") {
            const file = path.join(folder, `${uid}.txt`);
            if (!fs.existsSync(file)) continue;
            const content = s.stage.parse(fs.readFileSync(file, "utf8"));
            if (!content) {
              bump(summary.skipped, s.folder);
              continue;
            }
            const judgeFile = judged(`${uid}.txt`);
            const judge = judgeFile && fs.existsSync(judgeFile) ? judgeOf(s.stage, s.judge!.model, fs.readFileSync(judgeFile, "utf8")) : null;
            if (!judge && metricsFor(s.stage.kind).length) bump(summary.unjudged, s.folder);
            const promptFile = path.join(base, `${s.folder}_prompt`, `${uid}.txt`);
            const prompt = fs.existsSync(promptFile) ? fs.readFileSync(promptFile, "utf8") : undefined;
            await write(
              {
                type: "artifact",
                id: `${platform}:${s.stage.name}:${uid}`,
                uid: `${platform}:${uid}`,
                kind: s.stage.kind,
                content,
                source_post_ids: qualified.length ? qualified : [...postIds].map((p) => `${platform}:${p}`),
                ...(prompt ? { generator: { prompt } } : {}),
                ...(judge ? { judge } : {}),
                source: `${at(`${uid}.txt`)}${judge ? ` (judge: ${at(`${s.judge!.folder}/${uid}.txt`)})` : ""}`,
              },
              at(`${uid}.txt`),
              0,
            );
            summary.artifacts++;
            continue;
          }
          const file = path.join(folder, `${uid}.json`);
          if (!fs.existsSync(file)) continue;
          const judges = new Map<string, { line: number; answer: unknown }>();
          const judgeFile = judged(`${uid}.json`);
          if (judgeFile && fs.existsSync(judgeFile)) {
            for await (const { line, row } of jsonLines(judgeFile)) if (row && str(row.id)) judges.set(str(row.id)!, { line, answer: row.quality_result });
          }
          for await (const { line, row, error } of jsonLines(file)) {
            if (!row) {
              problem(`${at(`${uid}.json`)}:${line}`, error!);
              continue;
            }
            const postId = str(row.id);
            if (!postId || !postIds.has(postId)) {
              problem(`${at(`${uid}.json`)}:${line}`, postId ? `post ${postId} is not in ${postsFile}` : "the row has no post id");
              continue;
            }
            const answer = row[s.stage.column!];
            const content = typeof answer === "string" ? s.stage.parse(answer) : null;
            if (!content) {
              bump(summary.skipped, s.folder);
              continue;
            }
            const j = judges.get(postId);
            const judge = j ? judgeOf(s.stage, s.judge!.model, j.answer) : null;
            if (!judge && metricsFor(s.stage.kind, s.stage.flavor).length) bump(summary.unjudged, s.folder);
            await write(
              {
                type: "artifact",
                id: `${platform}:${s.stage.name}:${uid}:${postId}`,
                uid: `${platform}:${uid}`,
                kind: s.stage.kind,
                ...(s.stage.flavor ? { flavor: s.stage.flavor } : {}),
                content,
                source_post_ids: [`${platform}:${postId}`],
                ...(judge ? { judge } : {}),
                source: `${at(`${uid}.json`)}:${line}${judge ? ` (judge: ${at(`${s.judge!.folder}/${uid}.json`)}:${j!.line})` : ""}`,
              },
              at(`${uid}.json`),
              line,
            );
            summary.artifacts++;
          }
        }
      }
    }
  } finally {
    await new Promise<void>((resolve) => sink.end(resolve));
  }
  return { summary, problems, sourceMap };
}

/** The directory is not what the pipeline writes. */
export class LayoutError extends Error {}
