import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { importHumanLlm } from "@/lib/server/import/humanllm/import-humanllm";
import { sql } from "../helpers/db";
import { TEST_ACTOR, unique } from "../helpers/factories";
import { writeCorpus } from "../humanllm/corpus/write-corpus";
import { officialReading, type OfficialArtifact } from "../humanllm/official-reading";

// A corpus laid out as the pipeline's official code leaves it (test/humanllm/corpus: every platform
// and stage, with the quirks of real runs), imported in one command, and compared with an
// independent reading of the same files (test/humanllm/official-reading.ts, a port of the official
// scripts' selection of posts and of the SFT step's score parser): each artifact must cite exactly
// the posts its prompt was given and carry exactly the scores the SFT step reads.

const Imported = row({ source: col.text.nullable(), posts: col.text, scores: col.text.nullable() });
const PostSource = row({ id: col.text, meta: col.text });

let dir: string;
let official: OfficialArtifact[];
let imported: Map<string, { sources: string[]; scores: Record<string, number> | null }>;
let read: Awaited<ReturnType<typeof importHumanLlm>>["read"];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "humanllm-corpus-"));
  writeCorpus(dir, { users: { reddit: 40, twitter: 40, blogger: 40, amazon: 40 }, seed: "official", maxPosts: 30 });
  official = await officialReading(dir);
  const done = await importHumanLlm(dir, unique("official"), { actor: TEST_ACTOR });
  expect(done.problems).toEqual([]);
  read = done.read;
  const projectId = done.result!.projectId!;
  const where = new Map(
    (await db().many(PostSource, sql`SELECT "id", "metaJson" AS "meta" FROM "Post" WHERE "projectId" = ${projectId}`)).map((p) => [p.id, (JSON.parse(p.meta) as { source: string }).source]),
  );
  imported = new Map();
  for (const a of await db().many(Imported, sql`SELECT "source", "sourcePostIdsJson" AS "posts", "judgeScoresJson" AS "scores" FROM "Artifact" WHERE "projectId" = ${projectId}`)) {
    // "reddit/<stage>/1001.json:3 (judge: …)": the generation's own place
    const at = a.source!.replace(/ \(judge: .*\)$/, "");
    imported.set(at, { sources: (JSON.parse(a.posts) as string[]).map((id) => where.get(id)!).sort(), scores: a.scores ? (JSON.parse(a.scores) as Record<string, number>) : null });
  }
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("import-humanllm, against an independent reading of the official layout", () => {
  it("imports every generation the official code reads, and nothing else", () => {
    const expected = official.map((o) => o.at).sort();
    expect([...imported.keys()].sort()).toEqual(expected);
    // the corpus has all four platforms and both levels
    for (const platform of ["reddit", "twitter", "blogger", "amazon"]) expect(expected.some((at) => at.startsWith(`${platform}/`))).toBe(true);
    expect(expected.some((at) => /:\d+$/.test(at))).toBe(true);
  });

  it("cites exactly the posts each generation's prompt was given", () => {
    const wrong = official.filter((o) => JSON.stringify(imported.get(o.at)?.sources) !== JSON.stringify([...o.sources].sort()));
    expect(wrong.map((o) => ({ at: o.at, official: [...o.sources].sort(), imported: imported.get(o.at)?.sources }))).toEqual([]);
  });

  it("carries exactly the scores the SFT step reads, 0s and 11s included", () => {
    const wrong = official.filter((o) => JSON.stringify(sorted(imported.get(o.at)?.scores ?? null)) !== JSON.stringify(sorted(o.scores)));
    expect(wrong.map((o) => ({ at: o.at, official: o.scores, imported: imported.get(o.at)?.scores }))).toEqual([]);
    expect(official.some((o) => o.scores && Object.values(o.scores).includes(0))).toBe(true);
    expect(Object.keys(read.outOfRange).length).toBeGreaterThan(0);
  });

  it("accounts for what it left alone: the pipeline's own folders and files, SKIP rows, NULL answers", () => {
    expect(read.leftAlone).toEqual(
      expect.arrayContaining(["reddit/before_raw_data/", "reddit/raw_data/", "blogger/by_users_quality_tagging_v2_rewritten/", "blogger/writing_style_rewritten_text(use_quality_high)/_job_log.txt"]),
    );
    expect(Object.keys(read.notAsked).some((k) => k.startsWith("blogger/"))).toBe(true);
    expect(Object.keys(read.notAsked).some((k) => k.startsWith("twitter/"))).toBe(true);
    expect(Object.values(read.declined).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(Object.values(read.unreadable).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(read.notUnderstood).toEqual([]);
  });
});

function sorted(scores: Record<string, number> | null): [string, number][] | null {
  return scores && Object.keys(scores).length ? Object.entries(scores).sort(([a], [b]) => a.localeCompare(b)) : null;
}
