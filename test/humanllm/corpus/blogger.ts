import fs from "node:fs";
import path from "node:path";
import { Rng } from "@/lib/domain/rng";
import { freeText, JUDGE_QUIRKS, judgeAnswer, longScenario, paragraph, sentence, socialQa, storiesList, story } from "./answers";
import { writeCsv, writeText } from "./formats";

// Blogger users as blogger_data_filter.py, blogger_data_gen.py and blogger_data_judger.py leave
// them: CSV files as pandas writes them (QUOTE_ALL), `id` the user's on every row, one row a post in
// date order; each post-level stage's file is the tagging file, row for row, with its answer column
// (SKIP where the row was not generated); each judge file keeps four columns of the rows judged.

const JUDGE = "_judger_Qwen2.5-72B";
const QA = ["hallucination", "coverage", "fidelity", "novelty", "leakage", "overall"];
const SCENES = ["hallucination", "coverage", "fidelity", "novelty", "overall"];
const COLUMNS = ["id", "gender", "age", "topic", "sign", "date", "text", "cleaned_text"];
const TAGGED = [...COLUMNS, "blog_quality"];

/** folder, answer column, judge metrics (none: not judged), answer, whether a row needs 1,800 characters of cleaned text */
const POST_STAGES: [string, string, string[] | null, (rng: Rng, tag: string) => string, boolean][] = [
  ["users_sing_long_story(use_quality_high)", "single_long_story", SCENES, (rng, tag) => story(rng, "plots", tag), false],
  ["users_single_long_story_focusonbehavior(user_quality_high)", "single_long_story_focusonbebaviors", SCENES, (rng, tag) => story(rng, "story", tag), true],
  ["users_thoughts_single_blog(user_quality_high)", "thoughts_singleblog", SCENES, (rng, tag) => story(rng, "thoughts", tag), false],
  ["users_long_scenario_from_single_blog(use_quality_high)", "longscenario_singleblog", SCENES, longScenario, false],
  ["users_scenario_question_answer_from_single_blog_v2(use_quality_high)", "result", QA, socialQa, false],
  ["users_scenario_question_answer_from_single_blog_emphasizeaction_v2(use_quality_high)", "result", QA, socialQa, false],
  ["users_scenario_question_answer_from_single_blog_emphasizethoughts_v2(use_quality_high)", "result", QA, socialQa, false],
  ["users_scenario_question_answer_from_single_blog_emphasizereason_v2(use_quality_high)", "result", QA, socialQa, false],
  ["by_users_blog_summary(use_quality_high)", "result", null, (rng, tag) => sentence(rng, 14, tag), false],
];
const USER_STAGES: [string, string[], (rng: Rng, tag: string) => string][] = [
  ["users_persona_v2(use_quality_high)", ["hallucination", "coverage", "conciseness", "relevance", "overall"], (rng, tag) => freeText(rng, tag)],
  ["users_profile_v2(use_quality_high)", ["hallucination", "coverage", "relevance", "fluency", "conciseness", "informativeness", "novelty", "overall"], (rng, tag) => freeText(rng, tag)],
  ["users_stories(use_quality_high)", ["hallucination", "coverage", "informativeness", "novelty", "overall"], storiesList],
];
const MONTH = 30 * 86_400_000;

type Row = Record<string, string>;

export function writeBloggerUser(dir: string, n: number, rng: Rng, opts: { postStages: number; maxPosts: number }): void {
  const uid = String(3000 + n);
  const file = (...parts: string[]) => path.join(dir, "blogger", ...parts);
  const who = { id: uid, gender: rng.pick(["male", "female"]), age: String(rng.int(14, 48)), topic: rng.pick(["Student", "Technology", "Arts", "indUnk"]), sign: rng.pick(["Leo", "Aries", "Virgo"]) };
  const rows: Row[] = [];
  // one user in fifteen writes long posts, more than the 32,000 characters the user-level prompts are cut at
  const prolific = rng.chance(1 / 15);
  const count = prolific ? rng.int(20, 28) : rng.int(3, Math.min(12, opts.maxPosts));
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(2004, 0, 1) + (n % 50) * MONTH + i * 86_400_000 * rng.int(1, 9)).toISOString().slice(0, 10);
    const text = paragraph(rng, 6, `(blogger ${uid} blog ${i})`).replace(/\n/g, " ");
    const long = prolific || rng.chance(0.1);
    const cleaned = rng.chance(0.05) ? sentence(rng, 4) : long ? Array.from({ length: 16 }, () => paragraph(rng, 2, "")).join(" ") : text.replace(/\(blogger/, "(cleaned blogger");
    rows.push({ ...who, date, text, cleaned_text: cleaned, blog_quality: rng.pick(prolific ? ["high", "high", "High", "medium"] : ["high", "high", "high", "High", "medium", "low", "high\n"]) });
    // the corpus repeats posts now and then: a second row with the same date and texts
    if (rng.chance(0.04)) rows.push({ ...rows[rows.length - 1] });
  }
  rows.sort((a, b) => a.date.localeCompare(b.date));
  writeCsv(file("by_users", `${uid}.csv`), COLUMNS, rows);
  writeCsv(file("by_users_quality_tagging", `${uid}.csv`), TAGGED, rows);
  // blogger_data_gen.py compares blog_quality.lower() to "high", unstripped
  const isHigh = (r: Row) => r.blog_quality.toLowerCase() === "high";

  for (const [folder, column, metrics, answer, needsLength] of POST_STAGES) {
    if (!rng.chance(opts.postStages)) continue;
    const out = rows.map((r, i) => ({
      ...r,
      [column]: !isHigh(r) || (needsLength && r.cleaned_text.length < 1800) ? "SKIP" : rng.chance(0.06) ? "NULL" : answer(rng, `(blogger ${uid} ${folder} ${i})`),
    }));
    writeCsv(file(folder, `${uid}.csv`), [...TAGGED, column], out);
    if (!metrics || !rng.chance(0.9)) continue;
    const judged = out
      .filter((r) => r[column].length >= 20)
      .map((r) => ({ id: uid, quality_result: judgeAnswer(rng, metrics, rng.pick(JUDGE_QUIRKS)), cleaned_text: r.cleaned_text, [column]: r[column] }));
    if (judged.length) writeCsv(file(folder, JUDGE, `${uid}.csv`), ["id", "quality_result", "cleaned_text", column], judged);
  }

  const high = rows.filter(isHigh);
  if (high.length >= 3) {
    for (const [folder, metrics, answer] of USER_STAGES) {
      writeText(file(folder, `${uid}.txt`), answer(rng, `(blogger ${uid} ${folder})`));
      writeText(file(`${folder}_prompt`, `${uid}.txt`), high.map((r, k) => `Post : ${k + 1}\n${r.cleaned_text}\n\n`).join(""));
      if (rng.chance(0.9)) writeText(file(folder, JUDGE, `${uid}.txt`), judgeAnswer(rng, metrics, rng.pick(JUDGE_QUIRKS)));
    }
  }

  // the rewrite round: every row, SKIP under 50 characters of cleaned text; rows answered "", SKIP or NULL are dropped
  const rewritten = rows
    .map((r) => ({
      ...r,
      rewritten_text:
        r.cleaned_text.length < 50 ? "SKIP" : rng.chance(0.05) ? "NULL" : prolific ? `${r.cleaned_text} 😀 ${r.cleaned_text.slice(0, 800)}` : sentence(rng, 18, `(rewritten blogger ${uid})`),
    }))
    .filter((r) => r.rewritten_text !== "SKIP" && r.rewritten_text !== "NULL");
  writeCsv(file("by_users_quality_tagging_v2_rewritten", `${uid}.csv`), [...TAGGED, "rewritten_text"], rewritten);
  appendLog(file("by_users_quality_tagging_v2_rewritten", "_job_log.txt"), uid);
  if (rewritten.filter(isHigh).length >= 3) {
    writeText(file("writing_style_rewritten_text(use_quality_high)", `${uid}.txt`), freeText(rng, `(blogger ${uid} writing style)`, 0));
    appendLog(file("writing_style_rewritten_text(use_quality_high)", "_job_log.txt"), uid);
  }
}

/** The generation jobs' log, appended to on every run. */
function appendLog(file: string, uid: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `processed ${uid}.csv\n`);
}
