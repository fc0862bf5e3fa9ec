import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { importHumanLlm, type HumanLlmProgress } from "@/lib/server/import/humanllm/import-humanllm";
import { count, sql, texts } from "../helpers/db";
import { TEST_ACTOR, unique } from "../helpers/factories";

// The HumanLLM pipeline's own files (test/fixtures/humanllm: small files in its layouts, made by
// this project) imported through the all-or-nothing importer, with provenance and file:line errors.

const FIXTURE = path.resolve("test/fixtures/humanllm");

/** The rows of a JSON Lines file of the pipeline's. */
const jsonRows = (file: string): Record<string, unknown>[] =>
  fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A copy of the fixture to break. */
function copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "humanllm-fixture-"));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const Artifact = row({
  id: col.text,
  kind: col.text,
  flavor: col.text.nullable(),
  source: col.text.nullable(),
  judgeModel: col.text.nullable(),
  scores: col.text.nullable(),
  content: col.text,
  posts: col.text,
});

describe("import-humanllm", () => {
  it("imports every stage of the four platforms with each record's stage file and line, the judge's scores, and the posts each artifact came from", async () => {
    const name = unique("humanllm");
    const done = await importHumanLlm(FIXTURE, name, { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    expect(done.ok).toBe(true);
    expect(done.read).toMatchObject({
      users: 4,
      posts: 14,
      artifacts: 17,
      declined: { "reddit/users_profile_v2(medium_high)": 1, "reddit/scenario_question_answer_from_single_blog(medium_high)": 1 },
      unreadable: {},
      notUnderstood: [],
      untitledProducts: 1,
    });
    // Amazon is never judged: its artifacts are not counted as missing a judge
    expect(Object.keys(done.read.unjudged).some((k) => k.startsWith("amazon/"))).toBe(false);
    const projectId = done.result!.projectId!;
    const artifacts = await db().many(
      Artifact,
      sql`SELECT "id", "kind", "flavor", "source", "judgeModel", "judgeScoresJson" AS "scores", "contentJson" AS "content", "sourcePostIdsJson" AS "posts" FROM "Artifact" WHERE "projectId" = ${projectId} ORDER BY "id"`,
    );
    const byId = (id: string) => artifacts.find((a) => a.id === id)!;
    expect(artifacts.map((a) => `${a.kind}${a.flavor ? `:${a.flavor}` : ""}`).sort()).toEqual(
      [
        ...["persona", "stories", "writing_style", "social_qa:general", "social_qa:general", "social_qa:why", "scenario", "story", "thoughts", "summary"],
        ...["persona", "social_qa:thoughts"],
        ...["persona", "story", "social_qa:why"],
        ...["persona", "summary"],
      ].sort(),
    );

    const persona = byId("reddit:users_persona_v2:1001");
    expect(persona).toMatchObject({ source: "reddit/users_persona_v2(medium_high)/1001.txt (judge: reddit/users_persona_v2(medium_high)/_judger_Qwen2.5-72B/1001.txt)", judgeModel: "Qwen2.5-72B" });
    expect(JSON.parse(persona.scores!)).toEqual({ hallucination: 9, coverage: 8, conciseness: 9, relevance: 9, overall: 9 });
    // a user-level artifact cites the posts the pipeline gave it: high or medium quality, harmless submissions
    expect(JSON.parse(persona.posts)).toEqual(["reddit:t3_a1", "reddit:t3_a2", "reddit:t3_a3"]);
    // the artifact view (and the API's artifact) show where it came from
    const { loadArtifactRecord } = await import("@/lib/server/items/load-artifact-record");
    expect((await loadArtifactRecord(projectId, persona.id)).source).toBe(persona.source);

    const qa = byId("reddit:scenario_question_answer_from_single_blog:1001:t3_a3");
    expect(qa.source).toBe(
      "reddit/scenario_question_answer_from_single_blog(medium_high)/1001.json:3 (judge: reddit/scenario_question_answer_from_single_blog(medium_high)/_judger_Qwen2.5-72B/1001.json:2)",
    );
    expect(JSON.parse(qa.scores!)).toMatchObject({ overall: 6, novelty: 5 });
    expect(JSON.parse(qa.posts)).toEqual(["reddit:t3_a3"]);
    expect(JSON.parse(qa.content)).toMatchObject({ question: "What keeps the author coming back?" });
    expect(JSON.parse(byId("reddit:users_stories:1001").content).stories).toHaveLength(2);
    expect(JSON.parse(byId("reddit:users_long_scenario_from_single_blog:1001:t3_a1").content).characters).toEqual({ Sam: "a first-time marathon runner", Ana: "Sam's friend at the finish" });
    expect(byId("reddit:writing_style:1001").scores).toBeNull();

    const post = await db().one(
      row({ kind: col.text, title: col.text.nullable(), rewrite: col.text.nullable(), meta: col.text, tags: col.text.nullable(), createdAt: col.date.nullable() }),
      sql`SELECT "kind", "title", "rewrite", "metaJson" AS "meta", "tagsJson" AS "tags", "createdAt" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = 'reddit:t1_c1'`,
    );
    // its own time and score; the title and id its row carries are its submission's, kept as such
    expect(post).toMatchObject({ kind: "comment", title: null, rewrite: "Honestly the podcasts. And the feeling after.", createdAt: "2019-07-01T16:53:20.000Z" });
    expect(JSON.parse(post.meta)).toMatchObject({ source: "reddit/clean_data/1001.json:4", subreddit: "running", score: 3, submission_id: "zz9", submission_title: "What keeps you running?" });
    expect(await count(sql`SELECT COUNT(*) FROM "Post" WHERE "projectId" = ${projectId} AND "platform" = 'twitter' AND "kind" = 'tweet'`)).toBe(3);

    // Blogger: CSV files as pandas writes them (a quoted field with a line break in it), its own stage names and columns
    // a post is its row of the tagging file (`id` is the user's); stage and judge rows pair with it by its texts
    const story = byId("blogger:users_sing_long_story:3001:2");
    expect(story.source).toBe("blogger/users_sing_long_story(use_quality_high)/3001.csv:2 (judge: blogger/users_sing_long_story(use_quality_high)/_judger_Qwen2.5-72B/3001.csv:2)");
    expect(JSON.parse(story.content)).toMatchObject({ characters: { narrator: "I am a beginner potter.", "My sister": "encourages me" } });
    expect(JSON.parse(byId("blogger:users_persona_v2:3001").posts)).toEqual(["blogger:3001:1", "blogger:3001:2", "blogger:3001:3"]);
    expect(JSON.parse(byId("blogger:users_scenario_question_answer_from_single_blog_emphasizereason_v2:3001:3").posts)).toEqual(["blogger:3001:3"]);
    const blog = await db().one(row({ text: col.text, meta: col.text }), sql`SELECT "text", "metaJson" AS "meta" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = 'blogger:3001:3'`);
    expect(blog.text).toBe("Signed up for the craft fair in July. Terrified.");
    expect(JSON.parse(blog.meta).source).toBe("blogger/by_users_quality_tagging/3001.csv:6");
    // Amazon: a user per product category, reviews keyed by product, titles from raw_data; prompts in users_persona/{category}_prompt/
    const [amazonPrompt] = await texts(sql`SELECT "generatorPrompt" AS "v" FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" = 'amazon:users_persona:Books/4001'`);
    expect(amazonPrompt).toBe(fs.readFileSync(path.join(FIXTURE, "amazon/users_persona/Books_prompt/4001.txt"), "utf8"));
    expect(JSON.parse(byId("amazon:users_persona:Books/4001").posts)).toEqual(["amazon:Books/4001:B0001", "amazon:Books/4001:B0002"]);
    const review = await db().one(row({ meta: col.text }), sql`SELECT "metaJson" AS "meta" FROM "Post" WHERE "projectId" = ${projectId} AND "id" = 'amazon:Books/4001:B0002'`);
    expect(JSON.parse(review.meta)).toMatchObject({ rating: 2, item_title: "Quiet Chapters", category: "Books" });

    // the same directory again: nothing new, nothing changed
    const again = await importHumanLlm(FIXTURE, name, { actor: TEST_ACTOR });
    expect(again.result!.summary).toMatchObject({ users: 0, posts: 0, artifacts: 0, unchanged: 35 });
  });

  it("tells its progress: the users read against their count, then the batch's bytes imported against its size", async () => {
    const seen: HumanLlmProgress[] = [];
    const done = await importHumanLlm(FIXTURE, unique("progress"), { actor: TEST_ACTOR, onProgress: (p) => seen.push(p) });
    expect(done.ok).toBe(true);
    const reading = seen.filter((p) => p.phase === "reading");
    const importing = seen.filter((p) => p.phase === "importing");
    expect(reading[0]).toEqual({ phase: "reading", done: 0, total: 4 });
    expect(reading.map((p) => p.done)).toEqual([...reading.map((p) => p.done)].sort((a, b) => a - b));
    expect(importing.length).toBeGreaterThan(0);
    expect(importing.at(-1)!.done).toBe(importing.at(-1)!.total);
    expect(seen.findIndex((p) => p.phase === "importing")).toBeGreaterThan(seen.findLastIndex((p) => p.phase === "reading"));
  });

  it("refuses a broken directory with every problem at its stage file and line, and imports nothing", async () => {
    const dir = copy();
    const posts = path.join(dir, "reddit/clean_data/1001.json");
    const lines = fs.readFileSync(posts, "utf8").split("\n");
    lines[1] = "{not json";
    fs.writeFileSync(posts, lines.join("\n"));
    fs.mkdirSync(path.join(dir, "reddit/my_experiments"));
    fs.writeFileSync(path.join(dir, "twitter/users_persona_v2(medium_high)/9999.txt"), "The user is nobody.");
    const qa = path.join(dir, "reddit/scenario_question_answer_from_single_blog(medium_high)/1001.json");
    fs.appendFileSync(qa, `${JSON.stringify({ id: "t3_zz", sqa_singleblog: "<data/>" })}\n`);
    const name = unique("broken");
    const seen: string[] = [];
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR, onProblem: (p) => seen.push(`${p.at}: ${p.reason}`) });
    expect(done.ok).toBe(false);
    expect(done.result).toBeNull();
    // each problem once, in the order the directory is read; artifacts citing the unreadable post say so too
    expect(seen).toEqual([
      expect.stringMatching(/^reddit\/my_experiments: not a folder the reader knows\. Expected a directory/),
      "reddit/clean_data/1001.json:2: not JSON (syntax error at column 2)",
      "reddit/scenario_question_answer_from_single_blog(medium_high)/1001.json:2: its id names no post of reddit/clean_data/1001.json",
      "reddit/scenario_question_answer_from_single_blog(medium_high)/1001.json:4: its id names no post of reddit/clean_data/1001.json",
      "reddit/scenario_question_answer_from_single_blog_emphasizereason_v3(medium_high)/1001.json:1: its id names no post of reddit/clean_data/1001.json",
      "reddit/users_thoughts_single_blog(medium_high)/1001.json:1: its id names no post of reddit/clean_data/1001.json",
      "twitter/users_persona_v2(medium_high)/9999.txt: user 9999 has no twitter/clean_data/9999.json",
    ]);
    expect(await count(sql`SELECT COUNT(*) FROM "Project" WHERE "name" = ${name}`)).toBe(0);
  });

  it("tells the importer's own errors at the stage file and line, and keeps nothing", async () => {
    const dir = copy();
    const tweets = path.join(dir, "twitter/clean_data/2001.json");
    const rows = jsonRows(tweets);
    rows[2].tweet = "";
    fs.writeFileSync(tweets, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const name = unique("importer-errors");
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR });
    expect(done.ok).toBe(false);
    expect(done.problems).toEqual([
      { at: "twitter/clean_data/2001.json:3", reason: 'field "text" must not be empty' },
      { at: "twitter/users_persona_v2(medium_high)/2001.txt", reason: expect.stringContaining('cites post "twitter:1500000000000000003", which is neither in this file nor in project') },
    ]);
    expect(await count(sql`SELECT COUNT(*) FROM "Project" WHERE "name" = ${name}`)).toBe(0);
  });

  it("keeps int64 ids exactly where the pipeline writes them as JSON numbers (tweets a digit apart stay apart)", async () => {
    const dir = copy();
    for (const f of ["twitter/clean_data/2001.json", ...fs.readdirSync(path.join(dir, "twitter")).flatMap((d) => (d.startsWith("scenario_") ? [`twitter/${d}/2001.json`] : []))]) {
      const file = path.join(dir, f);
      if (fs.existsSync(file)) fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/"id": "(\d+)"/g, '"id": $1'));
    }
    expect(fs.readFileSync(path.join(dir, "twitter/clean_data/2001.json"), "utf8")).toContain('"id": 1500000000000000002,');
    const name = unique("int64");
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    const ids = await texts(sql`SELECT p."id" AS "v" FROM "Post" p JOIN "Project" j ON j."id" = p."projectId" WHERE j."name" = ${name} AND p."platform" = 'twitter' ORDER BY 1`);
    expect(ids.slice(0, 3)).toEqual(["twitter:1500000000000000001", "twitter:1500000000000000002", "twitter:1500000000000000003"]);
  });

  it("reads judge scores as the SFT step does: a capitalised tag is not the metric, the last repeat wins, a 0 is kept as given", async () => {
    const dir = copy();
    const judged = path.join(dir, "twitter/users_persona_v2(medium_high)/_judger_Qwen2.5-72B/2001.txt");
    fs.writeFileSync(
      judged,
      "<data>\n<hallucination>8</hallucination><coverage>0</coverage>\n<conciseness>8</conciseness><relevance>8</relevance><overall>6</overall><overall>9</overall><Overall>2</Overall>\n</data>",
    );
    const name = unique("judge-read");
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    expect(done.read.outOfRange).toEqual({ "twitter/users_persona_v2(medium_high)": 1 });
    const [scores] = await texts(
      sql`SELECT a."judgeScoresJson" AS "v" FROM "Artifact" a JOIN "Project" j ON j."id" = a."projectId" WHERE j."name" = ${name} AND a."id" = 'twitter:users_persona_v2:2001'`,
    );
    expect(JSON.parse(scores)).toEqual({ hallucination: 8, coverage: 0, conciseness: 8, relevance: 8, overall: 9 });
  });

  it("keys a Reddit comment by its own com_id, with its own time and score, though its row carries its submission's", async () => {
    const dir = copy();
    const posts = path.join(dir, "reddit/clean_data/1001.json");
    const rows = jsonRows(posts);
    const comment = rows.find((r) => r.type === "t1");
    // a second comment of this user under the same submission: the same id, title, time and score
    fs.appendFileSync(
      posts,
      `\n${JSON.stringify({ ...comment, com_id: "c2", com_name: "t1_c2", com_body: "Also the dog.", rewrite_comment: "Also the dog.", com_created_utc: 1563000000, com_score: 11 })}\n`,
    );
    const name = unique("comments");
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    const found = await db().many(
      row({ id: col.text, kind: col.text, createdAt: col.date, title: col.text.nullable(), meta: col.text }),
      sql`SELECT p."id", p."kind", p."createdAt", p."title", p."metaJson" AS "meta" FROM "Post" p JOIN "Project" j ON j."id" = p."projectId" WHERE j."name" = ${name} AND p."kind" = 'comment' ORDER BY 1`,
    );
    expect(found.map((p) => [p.id, p.createdAt, p.title])).toEqual([
      ["reddit:t1_c1", "2019-07-01T16:53:20.000Z", null],
      ["reddit:t1_c2", "2019-07-13T06:40:00.000Z", null],
    ]);
    expect(JSON.parse(found[1].meta)).toMatchObject({ score: 11, subreddit: "running", submission_id: "zz9", submission_title: "What keeps you running?" });
  });

  it("pairs Blogger's rows, which name no post, by their texts in order: each post-level artifact cites its own post and takes its own judge row; SKIP is not asked", async () => {
    const dir = copy();
    // the same blog posted twice: the two rows must not collapse, and each answer keeps its own judge
    const tagging = path.join(dir, "blogger/by_users_quality_tagging/3001.csv");
    const lines = fs.readFileSync(tagging, "utf8").trimEnd().split("\n");
    fs.writeFileSync(tagging, [...lines, lines.at(-2)!].join("\n") + "\n");
    const stageFile = path.join(dir, "blogger/users_scenario_question_answer_from_single_blog_emphasizereason_v2(use_quality_high)/3001.csv");
    const stageRows = fs.readFileSync(stageFile, "utf8").trimEnd().split("\n");
    const again = stageRows.find((l) => l.includes("craft fair") && l.includes("<data>"))!.replace("Why is the author terrified?", "Why does the fair scare her?");
    fs.writeFileSync(stageFile, [...stageRows, again].join("\n") + "\n");
    const name = unique("blogger-rows");
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    expect(done.read.notAsked).toMatchObject({
      "blogger/users_scenario_question_answer_from_single_blog_emphasizereason_v2(use_quality_high)": 1,
      "blogger/users_sing_long_story(use_quality_high)": 1,
    });
    const artifacts = await db().many(
      row({ id: col.text, posts: col.text, content: col.text }),
      sql`SELECT a."id", a."sourcePostIdsJson" AS "posts", a."contentJson" AS "content" FROM "Artifact" a JOIN "Project" j ON j."id" = a."projectId" WHERE j."name" = ${name} AND a."kind" = 'social_qa' AND a."platform" = 'blogger' ORDER BY 1`,
    );
    expect(artifacts.map((a) => [a.id, JSON.parse(a.posts), JSON.parse(a.content).question])).toEqual([
      ["blogger:users_scenario_question_answer_from_single_blog_emphasizereason_v2:3001:3", ["blogger:3001:3"], "Why is the author terrified?"],
      ["blogger:users_scenario_question_answer_from_single_blog_emphasizereason_v2:3001:5", ["blogger:3001:5"], "Why does the fair scare her?"],
    ]);
    expect(await count(sql`SELECT COUNT(*) FROM "Artifact" a JOIN "Project" j ON j."id" = a."projectId" WHERE j."name" = ${name} AND a."contentJson" LIKE '%SKIP%'`)).toBe(0);
  });

  it("cites for a writing style the posts its prompt was given: the second tagging round's safe social events, else the summary stage's rows", async () => {
    const dir = copy();
    const posts = jsonRows(path.join(dir, "reddit/clean_data/1001.json"));
    const tag = (unsafe: string, social: string) => `{"unsafe content": ${unsafe}, "social event": ${social}}`;
    const v2 = [tag('"no"', '"yes"'), tag("NO", "[YES]"), tag('"No"', '"Yes"'), tag('"no"', '"yes"')];
    fs.mkdirSync(path.join(dir, "reddit/by_users_quality_tagging_v2"));
    fs.writeFileSync(path.join(dir, "reddit/by_users_quality_tagging_v2/1001.json"), posts.map((p, i) => JSON.stringify({ ...p, blog_quality_v2: v2[i] })).join("\n") + "\n");
    const sourcesOf = async (name: string) =>
      JSON.parse(
        (await texts(sql`SELECT a."sourcePostIdsJson" AS "v" FROM "Artifact" a JOIN "Project" j ON j."id" = a."projectId" WHERE j."name" = ${name} AND a."id" = 'reddit:writing_style:1001'`))[0],
      );
    const tagged = unique("style-v2");
    expect((await importHumanLlm(dir, tagged, { actor: TEST_ACTOR })).problems).toEqual([]);
    // the second post's answer ([YES]) fails the pipeline's reading; the fourth row is a comment
    expect(await sourcesOf(tagged)).toEqual(["reddit:t3_a1", "reddit:t3_a3"]);

    fs.rmSync(path.join(dir, "reddit/by_users_quality_tagging_v2"), { recursive: true });
    const summarized = unique("style-summary");
    expect((await importHumanLlm(dir, summarized, { actor: TEST_ACTOR })).problems).toEqual([]);
    const summaryRows = jsonRows(path.join(dir, "reddit/post_summary_v2/1001.json")).map((r) => `reddit:${String(r.id)}`);
    expect(await sourcesOf(summarized)).toEqual(summaryRows);
  });

  it("cites for Blogger's writing style the high rows of its rewritten file, and for Amazon's persona the reviews before its target", async () => {
    const dir = copy();
    const lines = fs.readFileSync(path.join(dir, "blogger/by_users_quality_tagging/3001.csv"), "utf8").trimEnd().split("\n");
    // blogger_data_gen.py keeps the rows whose rewrite succeeded: here the second blog's did not
    const rewritten = [`${lines[0]},"rewritten_text"`, `${lines[1]},"Went to pottery again."`, `${lines[5]},"Signed up for a fair."`, `${lines[6]},"A test."`];
    fs.mkdirSync(path.join(dir, "blogger/by_users_quality_tagging_v2_rewritten"));
    fs.writeFileSync(path.join(dir, "blogger/by_users_quality_tagging_v2_rewritten/3001.csv"), rewritten.join("\n") + "\n");
    fs.mkdirSync(path.join(dir, "blogger/writing_style_rewritten_text(use_quality_high)"));
    fs.writeFileSync(path.join(dir, "blogger/writing_style_rewritten_text(use_quality_high)/3001.txt"), "The user writes short, warm notes.");
    fs.writeFileSync(path.join(dir, "blogger/writing_style_rewritten_text(use_quality_high)/_job_log.txt"), "done 3001\n");
    const reviews = path.join(dir, "amazon/clean_data/Books/4001.json");
    fs.writeFileSync(reviews, fs.readFileSync(reviews, "utf8").replace('"item_id": "B0001",', '"item_id": "B0001", "title": "Could not put it down",'));
    const name = unique("style-blogger");
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    const sources = async (id: string) =>
      JSON.parse((await texts(sql`SELECT a."sourcePostIdsJson" AS "v" FROM "Artifact" a JOIN "Project" j ON j."id" = a."projectId" WHERE j."name" = ${name} AND a."id" = ${id}`))[0]);
    expect(await sources("blogger:writing_style_rewritten_text:3001")).toEqual(["blogger:3001:1", "blogger:3001:3"]);
    // Amazon: no review qualifies at index 7 or later, so the last is the target and the ones before it the history
    expect(await sources("amazon:users_persona:Books/4001")).toEqual(["amazon:Books/4001:B0001", "amazon:Books/4001:B0002"]);
    const [title] = await texts(sql`SELECT p."title" AS "v" FROM "Post" p JOIN "Project" j ON j."id" = p."projectId" WHERE j."name" = ${name} AND p."id" = 'amazon:Books/4001:B0001'`);
    expect(title).toBe("Could not put it down"); // the review's own headline
  });

  it("leaves the pipeline's own folders and files alone, and names each in the summary", async () => {
    const dir = copy();
    fs.mkdirSync(path.join(dir, "reddit/before_raw_data"));
    fs.writeFileSync(path.join(dir, "reddit/before_raw_data/1001.json"), '{"id": "abc", "type": "t3"}\n');
    fs.writeFileSync(path.join(dir, "reddit/reddit_uid_map.json"), '{"someone": 1001}');
    fs.writeFileSync(path.join(dir, "reddit/users_persona_v2(medium_high)/_job_log.txt"), "job 17 done\n");
    const done = await importHumanLlm(dir, unique("left-alone"), { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    expect(done.ok).toBe(true);
    expect(done.read.leftAlone).toEqual(expect.arrayContaining(["reddit/before_raw_data/", "reddit/reddit_uid_map.json", "reddit/users_persona_v2(medium_high)/_job_log.txt", "reddit/raw_data/"]));
  });

  it("names every file it did not understand, and tells a generation that declined from one it could not read", async () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, "reddit/clean_data/README.md"), "notes\n");
    fs.writeFileSync(path.join(dir, "reddit/users_persona_v2(medium_high)/1001.json"), "{}\n");
    fs.mkdirSync(path.join(dir, "twitter/users_persona_v2(medium_high)/old"));
    fs.writeFileSync(path.join(dir, "reddit/users_stories(medium_high)/1001.txt"), "Sorry, here is one story: it was a good day.");
    const done = await importHumanLlm(dir, unique("not-understood"), { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    expect(done.read.notUnderstood).toEqual(["reddit/clean_data/README.md", "reddit/users_persona_v2(medium_high)/1001.json", "twitter/users_persona_v2(medium_high)/old"]);
    expect(done.read.unreadable).toEqual({ "reddit/users_stories(medium_high)": 1 });
    expect(done.read.declined).toMatchObject({ "reddit/users_profile_v2(medium_high)": 1, "reddit/scenario_question_answer_from_single_blog(medium_high)": 1 });
    expect(done.read.declined["reddit/users_stories(medium_high)"]).toBeUndefined();
  });

  it("refuses a directory that is not laid out as the pipeline writes, saying what it expects", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "not-humanllm-"));
    await expect(importHumanLlm(empty, unique("x"), { actor: TEST_ACTOR })).rejects.toThrow(/is not a HumanLLM data directory: no platform folder with its posts folder is in it\. Expected/);
    // a platform folder without its posts folder is not one
    fs.mkdirSync(path.join(empty, "blogger", "users_persona_v2(use_quality_high)"), { recursive: true });
    await expect(importHumanLlm(empty, unique("x"), { actor: TEST_ACTOR })).rejects.toThrow(/blogger\/by_users_quality_tagging\/\{uid\}\.csv \(posts\)/);
    await expect(importHumanLlm(path.join(empty, "nope"), unique("x"), { actor: TEST_ACTOR })).rejects.toThrow(/is not a directory/);
  });

  it("refuses symbolic links that lead out of the directory, files and folders alike, and imports nothing", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "humanllm-outside-"));
    fs.writeFileSync(path.join(outside, "secret.json"), `${JSON.stringify({ id: "t3_x", type: "t3", title: "outside-secret", selftext: "outside-secret" })}\n`);
    fs.cpSync(path.join(FIXTURE, "twitter"), path.join(outside, "twitter"), { recursive: true });
    const dir = copy();
    // a file: relative, climbing out; a folder: absolute; a link to a link that leads out
    fs.rmSync(path.join(dir, "reddit/clean_data/1001.json"));
    fs.symlinkSync(path.relative(path.join(dir, "reddit/clean_data"), path.join(outside, "secret.json")), path.join(dir, "reddit/clean_data/1001.json"));
    fs.rmSync(path.join(dir, "twitter"), { recursive: true });
    fs.symlinkSync(path.join(outside, "twitter"), path.join(dir, "twitter"));
    fs.symlinkSync("../../twitter", path.join(dir, "reddit/writing_style/hop"));
    const name = unique("links-out");
    const seen: string[] = [];
    const done = await importHumanLlm(dir, name, { actor: TEST_ACTOR, onProblem: (p) => seen.push(`${p.at}: ${p.reason}`) });
    expect(done.ok).toBe(false);
    expect(seen).toEqual(["reddit/clean_data/1001.json: links outside the folder", "reddit/writing_style/hop: links outside the folder", "twitter: links outside the folder"]);
    expect(await count(sql`SELECT COUNT(*) FROM "Project" WHERE "name" = ${name}`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "Post" WHERE "text" LIKE '%outside-secret%'`)).toBe(0);
  });

  it("follows symbolic links that stay inside the directory, and the directory itself may be a link", async () => {
    const dir = copy();
    fs.mkdirSync(path.join(dir, "shared"));
    fs.renameSync(path.join(dir, "reddit/writing_style/1001.txt"), path.join(dir, "shared/writing_style-1001.txt"));
    fs.symlinkSync("../../shared/writing_style-1001.txt", path.join(dir, "reddit/writing_style/1001.txt"));
    const via = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "humanllm-via-")), "data");
    fs.symlinkSync(dir, via);
    const done = await importHumanLlm(via, unique("links-in"), { actor: TEST_ACTOR });
    expect(done.problems).toEqual([]);
    expect(done.read).toMatchObject({ users: 4, posts: 14, artifacts: 17 });
  });

  it("refuses rows and files nested too deep, before parsing them", async () => {
    const dir = copy();
    const deep = `{"id": "t3_deep", "type": "t3", "title": "x", "selftext": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    fs.appendFileSync(path.join(dir, "reddit/clean_data/1001.json"), `${deep}\n`);
    fs.writeFileSync(path.join(dir, "amazon/raw_data/amazon_Books_content.json"), `{"B0001": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const seen: string[] = [];
    const done = await importHumanLlm(dir, unique("deep"), { actor: TEST_ACTOR, onProblem: (p) => seen.push(`${p.at}: ${p.reason}`) });
    expect(done.ok).toBe(false);
    expect(seen).toEqual([
      "reddit/clean_data/1001.json:5: nested deeper than 63 levels of arrays and objects (at most 63)",
      "amazon/raw_data/amazon_Books_content.json: nested deeper than 63 levels of arrays and objects (at most 63)",
    ]);
  });

  it("tells bad lines and files without repeating their content", async () => {
    const secret = "sk_live_51HqSECRETvalue0123456789";
    const dir = copy();
    fs.appendFileSync(path.join(dir, "reddit/clean_data/1001.json"), `${secret} {"id": "t3_zz"}\n`);
    fs.appendFileSync(path.join(dir, "reddit/users_thoughts_single_blog(medium_high)/1001.json"), `${JSON.stringify({ id: secret, thoughts_singleblog: "<data/>" })}\n`);
    fs.writeFileSync(path.join(dir, "amazon/raw_data/amazon_Books_content.json"), `{"B0001": {"title": "${secret}"`);
    const seen: string[] = [];
    const done = await importHumanLlm(dir, unique("no-echo"), { actor: TEST_ACTOR, onProblem: (p) => seen.push(`${p.at}: ${p.reason}`) });
    expect(done.ok).toBe(false);
    expect(seen).toEqual([
      "reddit/clean_data/1001.json:5: not JSON (syntax error)",
      "reddit/users_thoughts_single_blog(medium_high)/1001.json:2: its id names no post of reddit/clean_data/1001.json",
      "amazon/raw_data/amazon_Books_content.json: not a JSON object of products (product id: {title, ...}): the object does not end (the file is cut short)",
    ]);
    // a product's entry that is not JSON is told by its number, not its text
    fs.writeFileSync(path.join(dir, "amazon/raw_data/amazon_Books_content.json"), `{"B0001": {"title": "A"}, "${secret}": {"title": x}}`);
    const again: string[] = [];
    await importHumanLlm(dir, unique("no-echo"), { actor: TEST_ACTOR, onProblem: (p) => again.push(`${p.at}: ${p.reason}`) });
    expect(again.find((p) => p.startsWith("amazon/"))).toBe("amazon/raw_data/amazon_Books_content.json: the entry of product number 2 is not JSON");
  });
});
