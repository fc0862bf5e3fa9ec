import "server-only";
import fs from "node:fs";
import path from "node:path";
import { metricsFor } from "../../../domain/kinds";
import { amazonHistory, isQualifiedRow, postKey, postRecord, rowKey, str, userKey, type PipelineUser } from "../../../domain/humanllm/post-records";
import { InOrder } from "../../../domain/humanllm/in-order";
import { isNullOutput } from "../../../domain/humanllm/outputs";
import { codePoints, postsWithinCut } from "../../../domain/humanllm/prompt-cut";
import { expectedLayout, HUMANLLM_PLATFORMS, LAYOUTS, type Stage } from "../../../domain/humanllm/stages";
import type { Platform } from "../../../domain/kinds";
import { privateWriteStream } from "../../../private-files";
import { linksOutside } from "./links-outside";
import { productTitles } from "./product-titles";
import { bloggerPostFields, writingStyleSources } from "./prompt-sources";
import type { ReadProblem, ReadResult, ReadSummary } from "./read-summary";
import { rowsOf } from "./rows-of";
import { accountForFiles, isDir, rel, stageFolders } from "./stage-folders";
import { judgeOf } from "./stage-judge";
import { postsSeen } from "./token-cut-sources";

// Reads a HumanLLM pipeline data directory (lib/domain/humanllm/stages.ts has the layout) into
// records of the workbench's import format, written to a JSON Lines file, each record naming the
// stage file and line it came from (record-place.ts reads it back). What cannot be read is a problem at its file and line, and
// the caller imports nothing then; a generation that answered NULL or cannot be parsed is skipped
// and counted, as the pipeline itself skips it. A symbolic link that leads out of the directory is
// a problem too, found before anything is read; links that stay inside are followed. A problem
// says what is wrong and where, never the text it found there.

type Row = Record<string, unknown>;
const PROBLEMS_KEPT = 1000;

/** The directory is not what the pipeline writes. */
export class LayoutError extends Error {}

/**
 * Reads `dir` into `out` (a JSON Lines file). Refuses a directory that is not laid out as the
 * pipeline writes it, with what was expected.
 */
export async function readHumanLlm(dir: string, out: string, opts: { onProgress?: (usersRead: number, users: number) => void } = {}): Promise<ReadResult> {
  if (!isDir(dir)) throw new LayoutError(`${dir} is not a directory. Expected ${expectedLayout()}`);
  const platforms = HUMANLLM_PLATFORMS.filter((p) => isDir(path.join(dir, p, LAYOUTS[p].posts)));
  if (platforms.length === 0) throw new LayoutError(`${dir} is not a HumanLLM data directory: no platform folder with its posts folder is in it. Expected ${expectedLayout()}`);

  const summary: ReadSummary = {
    users: 0,
    posts: 0,
    artifacts: 0,
    stages: {},
    declined: {},
    unreadable: {},
    notAsked: {},
    unjudged: {},
    outOfRange: {},
    tooLarge: {},
    untitledProducts: 0,
    leftAlone: [],
    notUnderstood: [],
  };
  // nothing is read through a link that leads out: it could bring any file of this machine into the project
  const links = linksOutside(dir, PROBLEMS_KEPT);
  if (links.length) return { summary, problems: links };
  const problems: ReadProblem[] = [];
  const problem = (at: string, reason: string) => void (problems.length < PROBLEMS_KEPT && problems.push({ at, reason }));
  const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const stageTally = (folder: string) => (summary.stages[folder] ??= { files: 0, artifacts: 0, judged: 0 });
  const sink = privateWriteStream(out);
  const write = (record: Row) =>
    new Promise<void>((resolve) => {
      if (sink.write(`${JSON.stringify(record)}\n`)) resolve();
      else sink.once("drain", resolve);
    });

  // the users of each platform (and Amazon category), listed first to tell progress against their count
  const usersOf = new Map<string, string[]>();
  for (const platform of platforms) for (const category of categoriesOf(dir, platform)) usersOf.set(rel(platform, category), usersIn(dir, platform, category));
  const usersTotal = [...usersOf.values()].reduce((n, u) => n + u.length, 0);
  opts.onProgress?.(0, usersTotal);

  try {
    for (const platform of platforms) {
      const layout = LAYOUTS[platform];
      const ext = layout.format === "csv" ? "csv" : "json";
      const base = path.join(dir, platform);
      const stages = stageFolders(base, layout, summary, problem);

      for (const category of categoriesOf(dir, platform)) {
        const users = usersOf.get(rel(platform, category))!;
        const known = new Set(users);
        // artifacts of users whose posts are missing cannot cite them; other files are listed
        accountForFiles(dir, layout, stages, category, known, summary, problem);
        const titles = category ? await productTitles(dir, rel(platform, "raw_data", `amazon_${category}_content.json`), problem) : null;

        for (const uid of users) {
          opts.onProgress?.(summary.users, usersTotal);
          const u: PipelineUser = { platform, category, uid };
          const postsFile = rel(platform, layout.posts, category, `${uid}.${ext}`);
          await write({ type: "user", uid: userKey(u), platform });
          summary.users++;
          const keys = new Set<string>();
          const qualified: string[] = [];
          const timeOf = new Map<string, string>();
          // Blogger's user-level prompts were cut at 32,000 characters: the lengths of the qualified posts' texts tell where
          const qualifiedLengths: number[] = [];
          // Blogger's stage rows name no post: they pair with the posts by what they repeat of them
          const byText = new InOrder<string>();
          // Amazon's persona and profile read a window of the reviews in file order, tags or not
          const reviews: { value: string; qualified: boolean }[] = [];
          let position = 0;
          for await (const { line, row, error } of rowsOf(path.join(dir, postsFile), layout.format)) {
            position++;
            if (!row) {
              problem(`${postsFile}:${line}`, error!);
              continue;
            }
            const record = postRecord(layout, u, row, `${postsFile}:${line}`, { itemTitle: titles ? (id) => titles.get(id) : undefined, position });
            if (typeof record === "string") {
              problem(`${postsFile}:${line}`, record);
              continue;
            }
            const key = rowKey(layout, row, position)!;
            if (layout.platform === "blogger") byText.add(bloggerPostFields(row), key);
            if (titles && !titles.has(key)) summary.untitledProducts++;
            await write(record);
            summary.posts++;
            keys.add(key);
            if (typeof record.created_at === "string") timeOf.set(record.id as string, record.created_at);
            if (isQualifiedRow(layout, row)) {
              qualified.push(record.id as string);
              if (layout.platform === "blogger") qualifiedLengths.push(codePoints(str(row.cleaned_text) ?? ""));
            }
            if (layout.platform === "amazon") reviews.push({ value: record.id as string, qualified: isQualifiedRow(layout, row) });
          }

          const styleSources = await writingStyleSources(layout, u, keys, byText, {
            v2: path.join(base, "by_users_quality_tagging_v2", category ?? "", `${uid}.${ext}`),
            rewritten: path.join(base, "by_users_quality_tagging_v2_rewritten", `${uid}.${ext}`),
            summary: stages.map((s) => ({ kind: s.stage.kind, file: path.join(base, s.folder, category ?? "", `${uid}.${ext}`) })),
            promptChars: layout.stages.find((s) => s.kind === "writing_style")?.promptChars,
          });
          const sourcesOf = (stage: Stage) => {
            if (stage.kind === "writing_style" && styleSources) return styleSources;
            if (layout.platform === "amazon" && (stage.kind === "persona" || stage.kind === "profile")) return amazonHistory(reviews);
            if (stage.promptChars !== undefined) return qualified.slice(0, postsWithinCut(qualifiedLengths, stage.promptChars));
            return qualified.length ? qualified : [...keys].map((k) => postKey(u, k));
          };
          for (const s of stages) {
            const at = (f: string, judged = false) => rel(platform, s.folder, judged ? s.judge!.folder : undefined, category, f);
            const file = (f: string, judged = false) => path.join(dir, at(f, judged));
            if (s.stage.level === "user") {
              const answer = textOf(file(`${uid}.txt`));
              if (answer === null) continue;
              const tally = stageTally(rel(platform, s.folder));
              tally.files++;
              const content = s.stage.parse(answer);
              if (!content) {
                bump(isNullOutput(answer) ? summary.declined : summary.unreadable, rel(platform, s.folder));
                continue;
              }
              const judgeFile = s.judge ? file(`${uid}.txt`, true) : null;
              const judgeAnswer = judgeFile ? textOf(judgeFile) : null;
              const judged = judgeAnswer === null ? null : judgeOf(s.stage, s.judge!.model, judgeAnswer);
              const judge = judged?.judge ?? null;
              if (judged?.outOfRange) bump(summary.outOfRange, rel(platform, s.folder));
              if (judged?.tooLarge) bump(summary.tooLarge, rel(platform, s.folder));
              if (!judge && layout.judged && metricsFor(s.stage.kind).length) bump(summary.unjudged, rel(platform, s.folder));
              // the prompt beside the answers' folder, "_prompt" added (Amazon: {category}_prompt in the stage folder)
              const promptFile = category ? path.join(base, s.folder, `${category}_prompt`, `${uid}.txt`) : path.join(base, `${s.folder}_prompt`, `${uid}.txt`);
              const prompt = textOf(promptFile) ?? undefined;
              await write({
                type: "artifact",
                id: `${platform}:${s.stage.name}:${userKey(u).slice(platform.length + 1)}`,
                uid: userKey(u),
                kind: s.stage.kind,
                content,
                // Reddit's, Twitter's and Amazon's prompts were cut at 80,000 tokens: the posts past the cut were not seen
                source_post_ids: await postsSeen(layout, prompt, sourcesOf(s.stage), (id) => timeOf.get(id) ?? ""),
                ...(prompt ? { generator: { prompt } } : {}),
                ...(judge ? { judge } : {}),
                source: `${at(`${uid}.txt`)}${judge ? ` (judge: ${at(`${uid}.txt`, true)})` : ""}`,
              });
              summary.artifacts++;
              tally.artifacts++;
              if (judge) tally.judged++;
              continue;
            }
            if (!fs.existsSync(file(`${uid}.${ext}`))) continue;
            const tally = stageTally(rel(platform, s.folder));
            tally.files++;
            // a judge row pairs with its generation by the post's id, or on Blogger (where `id` is the
            // user's) by the post's cleaned text and the answer it judged, in order
            const judgeKey = (r: Row, key?: string) => (layout.platform === "blogger" ? InOrder.key(r.cleaned_text, r[s.stage.column!]) : InOrder.key(key ?? str(r.id)));
            const judges = new InOrder<{ line: number; answer: unknown }>();
            const judgeFile = s.judge ? file(`${uid}.${ext}`, true) : null;
            if (judgeFile && fs.existsSync(judgeFile)) {
              for await (const { line, row } of rowsOf(judgeFile, layout.format)) if (row) judges.add(judgeKey(row), { line, answer: row.quality_result });
            }
            const posts = byText.copy();
            for await (const { line, row, error } of rowsOf(file(`${uid}.${ext}`), layout.format)) {
              const where = `${at(`${uid}.${ext}`)}:${line}`;
              if (!row) {
                problem(where, error!);
                continue;
              }
              const key = layout.platform === "blogger" ? posts.take(bloggerPostFields(row)) : rowKey(layout, row);
              if (!key || !keys.has(key)) {
                problem(
                  where,
                  layout.platform === "blogger"
                    ? `it matches no post of ${postsFile} (by date, text and cleaned_text, in order)`
                    : key
                      ? `its ${layout.postKey} names no post of ${postsFile}`
                      : `the row has no ${layout.postKey}`,
                );
                continue;
              }
              const answer = row[s.stage.column!];
              // not asked: Blogger marks the rows it did not generate for SKIP; Twitter leaves the answer out past max_post
              if (answer === undefined || (typeof answer === "string" && answer.trim() === "SKIP")) {
                bump(summary.notAsked, rel(platform, s.folder));
                continue;
              }
              const content = typeof answer === "string" ? s.stage.parse(answer) : null;
              if (!content) {
                bump(answer === null || (typeof answer === "string" && isNullOutput(answer)) ? summary.declined : summary.unreadable, rel(platform, s.folder));
                continue;
              }
              const j = judges.take(judgeKey(row, key));
              const judged = j ? judgeOf(s.stage, s.judge!.model, j.answer) : null;
              const judge = judged?.judge ?? null;
              if (judged?.outOfRange) bump(summary.outOfRange, rel(platform, s.folder));
              if (judged?.tooLarge) bump(summary.tooLarge, rel(platform, s.folder));
              if (!judge && layout.judged && metricsFor(s.stage.kind, s.stage.flavor).length) bump(summary.unjudged, rel(platform, s.folder));
              await write({
                type: "artifact",
                id: `${platform}:${s.stage.name}:${userKey(u).slice(platform.length + 1)}:${key}`,
                uid: userKey(u),
                kind: s.stage.kind,
                ...(s.stage.flavor ? { flavor: s.stage.flavor } : {}),
                content,
                source_post_ids: [postKey(u, key)],
                ...(judge ? { judge } : {}),
                source: `${where}${judge ? ` (judge: ${at(`${uid}.${ext}`, true)}:${j!.line})` : ""}`,
              });
              summary.artifacts++;
              tally.artifacts++;
              if (judge) tally.judged++;
            }
          }
        }
      }
    }
  } finally {
    await new Promise<void>((resolve) => sink.end(resolve));
  }
  return { summary, problems };
}

/** Amazon's product categories (the folders of its posts folder); one undefined for the other platforms. */
function categoriesOf(dir: string, platform: Platform): (string | undefined)[] {
  const layout = LAYOUTS[platform];
  if (!layout.byCategory) return [undefined];
  const posts = path.join(dir, platform, layout.posts);
  return fs
    .readdirSync(posts)
    .filter((c) => isDir(path.join(posts, c)))
    .sort();
}

/** The users of a platform (and category): the names of its posts files. */
function usersIn(dir: string, platform: Platform, category: string | undefined): string[] {
  const layout = LAYOUTS[platform];
  const ext = layout.format === "csv" ? "csv" : "json";
  return fs
    .readdirSync(path.join(dir, platform, layout.posts, category ?? ""))
    .filter((f) => f.endsWith(`.${ext}`))
    .map((f) => f.slice(0, -ext.length - 1))
    .sort();
}

/** A file's text, or null when there is no such file (one system call where a test and a read take two). */
function textOf(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}
