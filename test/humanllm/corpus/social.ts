import path from "node:path";
import { Rng } from "@/lib/domain/rng";
import { freeText, JUDGE_QUIRKS, judgeAnswer, longScenario, paragraph, qualityTag, sentence, socialQa, storiesList, story, v2Tag } from "./answers";
import { dumps, text, writeJsonl, writeText, type Py } from "./formats";

// Reddit and Twitter users as reddit_data_filter.py / twitter_data_filter.py and their *_data_gen.py
// and data_judger.py leave them: raw and clean posts, the user-level stages (answer .txt, prompt
// in the "_prompt" twin, judge in _judger_Qwen2.5-72B/), the post-level stages (the clean rows with
// the answer in sqa_singleblog; the judge's rows with quality_result, NULL answers left out), the
// second tagging round and what it feeds (writing style, post summaries).

type Row = { [key: string]: Py };
export type Social = "reddit" | "twitter";

const JUDGE = "_judger_Qwen2.5-72B";
const QA = ["hallucination", "coverage", "fidelity", "novelty", "leakage", "overall"];
const SCENES = ["hallucination", "coverage", "fidelity", "novelty", "overall"];
const USER_STAGES: [string, string[], (rng: Rng, tag: string) => string][] = [
  ["users_persona_v2(medium_high)", ["hallucination", "coverage", "conciseness", "relevance", "overall"], (rng, tag) => freeText(rng, tag)],
  ["users_profile_v2(medium_high)", ["hallucination", "coverage", "relevance", "fluency", "conciseness", "informativeness", "novelty", "overall"], (rng, tag) => freeText(rng, tag, 0)],
  ["users_stories(medium_high)", ["hallucination", "coverage", "informativeness", "novelty", "overall"], storiesList],
];
/** folder, max_post, judge metrics, answer */
const POST_STAGES: [string, number, string[], (rng: Rng, tag: string) => string][] = [
  ["scenario_question_answer_from_single_blog_emphisize_thoughts(medium_high)", 20, QA, socialQa],
  ["scenario_question_answer_from_single_blog_emphisize_actions(medium_high)", 20, QA, socialQa],
  ["scenario_question_answer_from_single_blog(medium_high)", 20, QA, socialQa],
  ["scenario_question_answer_from_single_blog_emphasizereason_v3(medium_high)", 60, QA, socialQa],
  ["users_long_scenario_from_single_blog(medium_high)", 40, SCENES, longScenario],
  ["users_sing_long_story(medium_high)", 40, SCENES, (rng, tag) => story(rng, "plots", tag)],
  ["users_single_long_story_focusonbehavior(medium_high)", 40, SCENES, (rng, tag) => story(rng, "story", tag)],
  ["users_thoughts_single_blog(medium_high)", 40, SCENES, (rng, tag) => story(rng, "thoughts", tag)],
  ["users_single_long_thought(medium_high)", 40, SCENES, (rng, tag) => story(rng, "thoughts", tag, false)],
];
const SUBREDDITS = ["running", "tifu", "relationships", "cooking", "AskReddit", "LifeProTips", "changemyview"];

export interface SocialOptions {
  /** the chance that a user has each post-level stage's file (all of them: 1) */
  postStages: number;
  /** posts a user has, at most (but for one user in twenty, who has 35 to 45: past Twitter's max_post) */
  maxPosts: number;
  /** the share of users who write 45 long posts, over 80,000 tokens in all */
  longUsers: number;
}

interface Post {
  row: Row;
  tier: "high" | "medium" | null;
  /** a Reddit submission, or a tweet */
  own: boolean;
}

/** Writes user `n` of `platform` under `dir` (the data directory). */
export function writeSocialUser(dir: string, platform: Social, n: number, rng: Rng, opts: SocialOptions): void {
  const uid = String(platform === "reddit" ? 1000 + n : 2000 + n);
  const base = path.join(dir, platform);
  const file = (...parts: string[]) => path.join(base, ...parts);
  // some users have many posts (past Twitter's max_post of 20), most a handful, a few too few
  // now and then a user writes at length: the user-level prompts pass the 80,000 tokens they are cut at
  const verbose = opts.longUsers > 0 && n % Math.round(1 / opts.longUsers) === 1;
  const count = verbose ? 45 : rng.chance(0.05) ? rng.int(35, 45) : rng.int(2, Math.min(12, opts.maxPosts));
  const posts: Post[] = [];
  for (let i = 0; i < count; i++) posts.push(platform === "reddit" ? submission(rng, uid, i, verbose) : tweet(rng, uid, i, verbose));
  if (platform === "reddit") for (let i = 0, c = rng.int(0, 3); i < c; i++) posts.push(comment(rng, uid, i, posts));

  const raw = posts.map((p) => stripClean(p.row));
  if (platform === "reddit")
    writeJsonl(
      file("before_raw_data", `${uid}.json`),
      raw.filter((r) => r.type === "t3"),
      true,
    );
  writeJsonl(file("raw_data", `${uid}.json`), raw, true);
  writeJsonl(
    file("clean_data", `${uid}.json`),
    posts.map((p) => p.row),
    false,
  );

  const own = posts.filter((p) => p.own);
  const qualified = [...own.filter((p) => p.tier === "high"), ...own.filter((p) => p.tier === "medium")];
  const minPost = platform === "reddit" ? 3 : 5;
  if (qualified.length < minPost) return;

  for (const [folder, metrics, answer] of USER_STAGES) {
    writeText(file(folder, `${uid}.txt`), answer(rng, `(${platform} ${uid} ${folder})`));
    writeText(file(`${folder}_prompt`, `${uid}.txt`), prompt(byTime(qualified, platform).map((p) => `Date: ${dateOf(p, platform)}\n${text(p.row.rewrite_blog)}`)));
    if (rng.chance(0.9)) writeText(file(folder, JUDGE, `${uid}.txt`), judgeAnswer(rng, metrics, rng.pick(JUDGE_QUIRKS)));
  }

  for (const [folder, maxPost, metrics, answer] of POST_STAGES) {
    if (!rng.chance(opts.postStages)) continue;
    // Reddit writes the first max_post qualified rows; Twitter writes them all and asks only about the first max_post
    const rows = (platform === "reddit" ? qualified.slice(0, maxPost) : qualified).map((p, i): Row => {
      if (i >= maxPost) return { ...p.row };
      return { ...p.row, sqa_singleblog: rng.chance(0.06) ? "NULL" : answer(rng, `(${platform} ${uid} ${folder} ${i})`) };
    });
    writeJsonl(file(folder, `${uid}.json`), rows, false);
    if (!rng.chance(0.9)) continue;
    const judged = rows
      .filter((r) => typeof r.sqa_singleblog === "string" && r.sqa_singleblog.length >= 20)
      .map((r) => ({
        id: r.id,
        ...(platform === "reddit" ? { domain: r.domain, type: r.type } : {}),
        quality_tag: r.quality_tag,
        quality_result: judgeAnswer(rng, metrics, rng.pick(JUDGE_QUIRKS)),
        rewrite_blog: r.rewrite_blog,
        sqa_singleblog: r.sqa_singleblog,
      }));
    if (judged.length) writeJsonl(file(folder, JUDGE, `${uid}.json`), judged, false);
  }

  // the second tagging round: Reddit's qualified submissions (at most 100) then its high comments (at most 100); Twitter's every qualified tweet, the first 100 tagged
  const comments = platform === "reddit" ? posts.filter((p) => !p.own && p.tier === "high").slice(0, 100) : [];
  const tagged = [...(platform === "reddit" ? qualified.slice(0, 100) : qualified), ...comments].map((p, i) => ({ p, v2: i < 100 || platform === "reddit" ? v2Tag(rng) : null }));
  writeJsonl(
    file("by_users_quality_tagging_v2", `${uid}.json`),
    tagged.map(({ p, v2 }) => (v2 ? { ...p.row, blog_quality_v2: v2.text } : p.row)),
    false,
  );
  const rewritten = tagged.map(({ p, v2 }) => ({ p, v2, row: v2 ? { ...p.row, rewritten_text_v2: sentence(rng, 20, `(rewritten ${text(p.row.id)})`) } : p.row }));
  writeJsonl(
    file("by_users_quality_tagging_v2_rewritten", `${uid}.json`),
    rewritten.map((r) => r.row),
    false,
  );
  const styled = rewritten.filter((r) => r.v2?.ok && r.p.own);
  if (styled.length >= 3) {
    writeText(file("writing_style", `${uid}.txt`), freeText(rng, `(${platform} ${uid} writing style)`, 0));
    writeText(
      file("writing_style_prompt", `${uid}.txt`),
      prompt(
        byTime(
          styled.map((r) => ({ ...r.p, row: r.row })),
          platform,
        ).map((p) => text(p.row.rewritten_text_v2)),
      ),
    );
    writeJsonl(
      file("post_summary_v2", `${uid}.json`),
      styled.map((r) => ({ ...r.row, sqa_singleblog: sentence(rng, 14, `(summary ${text(r.row.id)})`) })),
      false,
    );
  }
}

/** A user-level prompt as *_data_gen.py writes it to the "_prompt" folder: the template with "\n\nPost k:\n…" for each post. */
function prompt(entries: string[]): string {
  return `Below are the person's raw blog posts. Please only output the result.${entries.map((e, k) => `\n\nPost ${k + 1}:\n${e}`).join("")}`;
}

/** The posts in the prompts' order: by time, ties in file order (Python's sort is stable). */
function byTime(posts: Post[], platform: Social): Post[] {
  const time = (p: Post) => (platform === "reddit" ? Number(p.row.created_utc) * 1000 : Date.parse(text(p.row.date)));
  return [...posts].sort((a, b) => time(a) - time(b));
}

/** A post's date as the persona prompts show it: Reddit's strftime("%Y-%m-%d %H:%M:%S %Z") in UTC, Twitter's date as written. */
function dateOf(p: Post, platform: Social): string {
  return platform === "reddit" ? `${new Date(Number(p.row.created_utc) * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC` : text(p.row.date);
}

/** The raw row: the clean row without what the cleaning step added. */
function stripClean(row: Row): Row {
  const { rewrite_blog: _b, rewrite_comment: _c, quality_tag: _q, ...raw } = row;
  return raw;
}

const LONG_POST_SENTENCES = 200;
const WELL_TAGGED = { text: "<output><quality>high</quality><harmless>yes</harmless></output>", tier: "high" as const };

function submission(rng: Rng, uid: string, i: number, long = false): Post {
  const id = (Number(uid) * 1000 + i).toString(36);
  const title = sentence(rng, 5);
  const selftext = paragraph(rng, long ? LONG_POST_SENTENCES : rng.int(2, 5), `(reddit ${uid} post ${i})`);
  const tag = long ? WELL_TAGGED : qualityTag(rng);
  const subreddit = rng.pick(SUBREDDITS);
  const row: Row = {
    author: `user${uid}`,
    created_utc: String(1_500_000_000 + Number(uid) * 10_000 + i * 3600 + rng.int(0, 3000)),
    domain: `self.${subreddit}`,
    id,
    is_self: "True",
    name: `t3_${id}`,
    num_comments: String(rng.int(0, 40)),
    score: String(rng.int(1, 500)),
    selftext,
    subreddit_id: `t5_${subreddit.length}x`,
    title,
    split: subreddit,
    type: "t3",
    rewrite_blog: `${title}\n\n${selftext}`,
    quality_tag: tag.text,
  };
  return { row, tier: tag.tier, own: true };
}

/** A top-level comment: its submission's row (another author's, or now and then the user's own) with type t1 and com_* fields. */
function comment(rng: Rng, uid: string, i: number, posts: readonly Post[]): Post {
  const parent = rng.chance(0.2) && posts.length > 0 ? { ...posts[0].row } : submission(rng, String(900_000 + Number(uid) * 10 + i), i).row;
  const body = sentence(rng, 12, `(reddit ${uid} comment ${i})`);
  const comId = `c${(Number(uid) * 100 + i).toString(36)}`;
  const tag = qualityTag(rng);
  const { rewrite_blog, quality_tag: _q, ...submissionRow } = parent;
  const row: Row = {
    ...submissionRow,
    type: "t1",
    com_author: `user${uid}`,
    com_body: body,
    com_created_utc: String(1_500_000_000 + Number(uid) * 10_000 + 500_000 + i * 60),
    com_id: comId,
    com_name: `t1_${comId}`,
    com_link_id: `t3_${text(parent.id)}`,
    com_parent_id: `t3_${text(parent.id)}`,
    com_score: String(rng.int(-3, 80)),
    com_subreddit_id: text(parent.subreddit_id),
    rewrite_comment: body,
    rewrite_blog,
    quality_tag: tag.text,
  };
  return { row, tier: tag.tier, own: false };
}

/** A tweet: an int64 id (neighbours differ in their last digits only), the text, an ISO-like date. */
function tweet(rng: Rng, uid: string, i: number, long = false): Post {
  const id = 1_500_000_000_000_000_000n + BigInt(Number(uid) * 1000 + i);
  const text = paragraph(rng, long ? LONG_POST_SENTENCES : rng.int(3, 5), `(twitter ${uid} tweet ${i})`);
  const tag = long ? WELL_TAGGED : qualityTag(rng);
  const day = new Date(Date.UTC(2019, 0, 1) + (Number(uid) * 97 + i) * 3_600_000);
  return { row: { id, tweet: text, date: day.toISOString().replace("T", " ").replace(".000Z", "+00:00"), rewrite_blog: text, quality_tag: tag.text }, tier: tag.tier, own: true };
}

/** The uid maps the filters leave beside the users' folders. */
export function writeSocialMaps(dir: string, platform: Social, users: number): void {
  const map: Record<string, Py> = {};
  for (let n = 0; n < Math.min(users, 1000); n++) map[`user${platform === "reddit" ? 1000 + n : 2000 + n}`] = platform === "reddit" ? String(1000 + n) : { map_id: 2000 + n };
  writeText(path.join(dir, platform, `${platform}_uid_map.json`), dumps(map));
}
