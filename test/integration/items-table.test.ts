import { beforeAll, describe, expect, it } from "vitest";
import { flagsOf, HIGHLIGHT_FLAGS, highlightArtifact } from "@/lib/domain/highlights";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { searchWords } from "@/lib/domain/text/search-words";
import { reasonFlagsOf } from "@/lib/domain/kinds";
import { countItems, itemsPage, listItems } from "@/lib/server/items/list-items";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { update, ARTIFACT_ROWS } from "../helpers/db";
import { ITEM_SORTS, itemsQuery, type ItemsQuery } from "@/lib/validation/items-query";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const Row = row({
  id: col.text,
  uid: col.text,
  kind: col.text,
  flavor: col.text.nullable(),
  platform: col.text,
  status: col.text,
  judgeOverall: col.num.nullable(),
  judgeMin: col.num.nullable(),
  verdictCount: col.int,
  disagreement: col.num,
  finalizedAt: col.date.nullable(),
  importedAt: col.date,
  flags: col.int,
  reasonFlags: col.int,
  isGold: col.bool,
  contentJson: col.text,
});
type Row = import("zod").output<typeof Row>;

let projectId: number;
let all: Row[];
let annotatorId: number;

beforeAll(async () => {
  const project = await makeProject();
  projectId = project.id;
  const annotators = [await makeAccount(), await makeAccount(), await makeAccount()];
  annotatorId = annotators[0].id;
  const result = await importText(projectId, jsonl([...generateDemoBatch({ users: 12, seed: "items", annotators: annotators.map((a) => a.email) })]));
  expect(result.ok).toBe(true);
  await update("Artifact", { projectId, kind: "persona" }, { isGold: true, goldDecision: "accept" });
  all = await db().many(
    Row,
    sql`SELECT "id", "uid", "kind", "flavor", "platform", "status", "judgeOverall", "judgeMin", "verdictCount", "disagreement", "finalizedAt", "importedAt",
                                        "flags", "reasonFlags", "isGold", "contentJson" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId}`,
  );
});

const query = (params: Record<string, string> = {}) => itemsQuery.parse(params);

/** Every page of a query, following the next cursors. */
async function walk(q: ItemsQuery): Promise<{ ids: string[]; pages: Awaited<ReturnType<typeof listItems>>[] }> {
  const pages = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listItems(projectId, { ...q, after: cursor });
    pages.push(page);
    if (!page.next) break;
    cursor = page.next;
  }
  return { ids: pages.flatMap((p) => p.rows.map((r) => r.id)), pages };
}

/** The order the table promises: NULL first ascending and last descending, ties by id in the same direction. */
function sorted(rows: Row[], sort: keyof Row, dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const cmp = (a: Row, b: Row) => {
    const x = a[sort];
    const y = b[sort];
    if (x !== y) {
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign;
  };
  return [...rows].sort(cmp).map((r) => r.id);
}

describe("items table", () => {
  it("pages through every sort in both directions without gaps or repeats, and back again", async () => {
    expect(all.length).toBeGreaterThan(100);
    for (const sort of ITEM_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const q = query({ sort, dir, size: "25" });
        const { ids, pages } = await walk(q);
        expect(ids, `${sort} ${dir}`).toEqual(sorted(all, sort, dir));
        // from the last page, the prev cursors lead back through the same pages
        let page = pages[pages.length - 1];
        for (let i = pages.length - 2; i >= 0; i--) {
          page = await listItems(projectId, { ...q, before: page.prev! });
          expect(page.rows.map((r) => r.id)).toEqual(pages[i].rows.map((r) => r.id));
        }
        expect(page.prev).toBeNull();
      }
    }
  });

  it("filters in SQL exactly as the columns say, and counts what it filters", async () => {
    const has = (bits: number, flag: number) => (bits & flag) !== 0;
    const cases: [Record<string, string>, (r: Row) => boolean][] = [
      [{ kind: "persona,social_qa" }, (r) => r.kind === "persona" || r.kind === "social_qa"],
      [{ kind: "social_qa", flavor: "why" }, (r) => r.kind === "social_qa" && r.flavor === "why"],
      [{ platform: "amazon" }, (r) => r.platform === "amazon"],
      [{ status: "disputed,accepted" }, (r) => r.status === "disputed" || r.status === "accepted"],
      [{ overallMin: "6", overallMax: "8" }, (r) => r.judgeOverall !== null && r.judgeOverall >= 6 && r.judgeOverall <= 8],
      [{ scoreMax: "6" }, (r) => r.judgeMin !== null && r.judgeMin <= 6],
      // a bound of 0 filters too (it leaves out what the judge did not score)
      [{ overallMin: "0" }, (r) => r.judgeOverall !== null],
      [{ judged: "no" }, (r) => r.judgeMin === null],
      [{ flags: "pii,leaked_name" }, (r) => has(r.flags, HIGHLIGHT_FLAGS.pii | HIGHLIGHT_FLAGS.leaked_name)],
      [{ reasons: "hallucination" }, (r) => has(r.reasonFlags, reasonFlagsOf(["hallucination"]))],
      [{ gold: "yes" }, (r) => r.isGold],
      [{ q: "PersonA", kind: "scenario" }, (r) => r.kind === "scenario" && r.contentJson.includes("PersonA")],
      // one facet beside plain filters: counted from its tally
      [{ flags: "pii,leaked_name", kind: "scenario,social_qa" }, (r) => has(r.flags, HIGHLIGHT_FLAGS.pii | HIGHLIGHT_FLAGS.leaked_name) && (r.kind === "scenario" || r.kind === "social_qa")],
      [{ judged: "yes", status: "pending,accepted", gold: "no" }, (r) => r.judgeMin !== null && (r.status === "pending" || r.status === "accepted") && !r.isGold],
      // two facets: counted from the rows
      [{ flavor: "why,general", overallMin: "8" }, (r) => (r.flavor === "why" || r.flavor === "general") && r.judgeOverall !== null && r.judgeOverall >= 8],
      [{ scoreMin: "1", reasons: "hallucination,generic" }, (r) => r.judgeMin !== null && r.judgeMin >= 1 && has(r.reasonFlags, reasonFlagsOf(["hallucination", "generic"]))],
    ];
    for (const [params, keep] of cases) {
      const expected = sorted(all.filter(keep), "id", "asc");
      expect(expected.length, JSON.stringify(params)).toBeGreaterThan(0);
      expect((await walk(query(params))).ids, JSON.stringify(params)).toEqual(expected);
      expect(await countItems(projectId, query(params)), JSON.stringify(params)).toEqual({ count: expected.length, bound: "exact" });
    }
    // what the tallies keep is counted exactly whatever the cap; any other filter up to the cap
    const judged = all.filter((r) => r.judgeMin !== null);
    expect(await countItems(projectId, query(), undefined, { cap: 10 })).toEqual({ count: all.length, bound: "exact" });
    expect(await countItems(projectId, query({ judged: "yes" }), undefined, { cap: 10 })).toEqual({ count: judged.length, bound: "exact" });
    expect(await countItems(projectId, query({ judged: "yes", flavor: "why,general,thoughts,actions" }), undefined, { cap: 10 })).toEqual({ count: 10, bound: "atLeast" });
    // a count out of time is at most what the tallies count for a part of the filters
    const twoFacets = query({ flavor: "why,general", overallMin: "8" });
    const counted = await countItems(projectId, twoFacets, undefined, { budgetMs: 1 });
    const exact = all.filter((r) => (r.flavor === "why" || r.flavor === "general") && r.judgeOverall !== null && r.judgeOverall >= 8).length;
    const flavored = all.filter((r) => r.flavor === "why" || r.flavor === "general").length;
    const scored = all.filter((r) => r.judgeOverall !== null && r.judgeOverall >= 8).length;
    expect([
      { count: exact, bound: "exact" },
      { count: Math.min(flavored, scored), bound: "atMost" },
    ]).toContainEqual(counted);
  });

  it("searches words of the content (the last one as a start), an artifact id or a user id, checked as a set of ids or row by row alike", async () => {
    const { itemsWhere, ITEMS_FROM } = await import("@/lib/server/items/items-where");
    // the words of the content's string values (not its keys)
    const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(strings) : []);
    const words = (r: Row) =>
      strings(JSON.parse(r.contentJson))
        .join(" ")
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? ([] as string[]);
    // every word of the search is a word of the content, the last (of three letters or more) may be a start
    const hasWords = (r: Row, q: string) => {
      const wanted = searchWords(q);
      const have = words(r);
      return wanted.every((w, i) => have.some((h) => h === w || (i === wanted.length - 1 && w.length >= 3 && h.startsWith(w))));
    };
    const one = all[7];
    const cases: [string, (r: Row) => boolean][] = [
      ["persona", (r) => words(r).includes("persona")],
      ["Perso", (r) => words(r).some((w) => w.startsWith("perso"))],
      // an id is also read as words ("a-2-2": a, 2 and 2), which the content of others may hold
      [one.id, (r) => r.id === one.id || hasWords(r, one.id)],
      [one.uid, (r) => r.uid === one.uid || hasWords(r, one.uid)],
    ];
    for (const [q, keep] of cases) {
      const expected = sorted(all.filter(keep), "id", "asc");
      expect(expected.length, q).toBeGreaterThan(0);
      expect((await walk(query({ q }))).ids, q).toEqual(expected);
      expect(await countItems(projectId, query({ q })), q).toEqual({ count: expected.length, bound: "exact" });
      // as the page asks: the words counted once for both
      expect(await itemsPage(projectId, query({ q })), q).toEqual({ page: await listItems(projectId, query({ q })), count: { count: expected.length, bound: "exact" } });
      // past the cap: at once for the words alone, row by row beside another filter
      expect(await countItems(projectId, query({ q }), undefined, { cap: expected.length - 1 }), q).toEqual({ count: expected.length - 1, bound: "atLeast" });
      if (q === "persona" || q === "Perso") {
        // a common word beside another filter: checked on the first `cap` artifacts that filter passes
        const personas = expected.filter((id) => all.find((r) => r.id === id)!.kind === "persona").length;
        expect(await countItems(projectId, query({ q, kind: "persona" }), undefined, { cap: all.length - 1 }), q).toEqual({ count: personas, bound: "exact" });
        const few = await countItems(projectId, query({ q, kind: "persona" }), undefined, { cap: 2 });
        expect(few.bound === "atLeast" && few.count <= Math.min(personas, 2), q).toBe(true);
      }
      for (const plan of ["ids", "rows"] as const) {
        const found = await db().many(row({ id: col.text }), sql`SELECT a."id" FROM ${ITEMS_FROM} WHERE ${itemsWhere(projectId, query({ q }), plan)} ORDER BY a."id"`);
        expect(
          found.map((r) => r.id),
          `${q} ${plan}`,
        ).toEqual(expected);
      }
    }
  });

  it("asks the planner how many artifacts a word matches, to choose how to check it past the count's cap", async () => {
    const { estimatedTextMatches } = await import("@/lib/server/items/list-items");
    const { wordsMatch } = await import("@/lib/server/items/items-where");
    await db().exec(sql`ANALYZE "ArtifactText"`);
    const estimate = await estimatedTextMatches(db(), projectId, wordsMatch("persona")!);
    expect(estimate).toBeGreaterThan(0);
    expect(Number.isFinite(estimate)).toBe(true);
  });

  it("finds an annotator's artifacts and the reasons their live verdicts give", async () => {
    const mine = (await db().many(row({ id: col.text }), sql`SELECT DISTINCT "artifactId" AS "id" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "accountId" = ${annotatorId}`))
      .map((r) => r.id)
      .sort();
    const reasons = await db().many(row({ artifactId: col.text, reasonsJson: col.text }), sql`SELECT "artifactId", "reasonsJson" FROM "VerdictEvent" WHERE "projectId" = ${projectId}`);
    expect(mine.length).toBeGreaterThan(0);
    expect((await walk(query({ annotator: String(annotatorId) }))).ids).toEqual(mine);
    // imported verdicts are never superseded here, so the reason bits are those of all verdicts
    const flagged = new Set(reasons.filter((r) => JSON.parse(r.reasonsJson).includes("generic")).map((r) => r.artifactId));
    expect(new Set((await walk(query({ reasons: "generic" }))).ids)).toEqual(flagged);
  });

  it("shows each row's checks, gold mark and a preview of its text", async () => {
    const page = await listItems(projectId, query({ kind: "persona", size: "25" }));
    expect(page.rows[0]).toMatchObject({ kind: "persona", isGold: true, goldDecision: "accept" });
    expect(page.rows[0].preview.length).toBeGreaterThan(10);
    // each row says what the current rules make of it: summaries are never judged
    expect((await listItems(projectId, query({ kind: "summary", size: "25" }))).rows.every((r) => r.rule === "not_judged")).toBe(true);
    expect((await listItems(projectId, query({ kind: "persona", size: "25" }))).rows.some((r) => r.rule !== "not_judged")).toBe(true);
    expect(() => itemsQuery.parse({ kind: "poem" })).toThrow(/kind is one of/);
    expect(() => itemsQuery.parse({ overallMin: "9", overallMax: "3" })).toThrow(/above the highest/);
  });
});

describe("flags at import", () => {
  it("stores the checks the review screen shows, also when the cited post comes later in the file", async () => {
    const project = await makeProject();
    const t = tinyBatch();
    const artifact = { ...t.artifact, content: { scenario: "Maria Lopez ran a long race.", question: "Why?", answer: "Write to maria@example.com" } };
    const post = { ...t.post, text: "Maria Lopez here: I ran 20k and my knee hurts." };
    const result = await importText(project.id, jsonl([artifact, post, t.user]));
    expect(result.ok).toBe(true);
    const stored = await db().one(row({ flags: col.int, platform: col.text }), sql`SELECT "flags", "platform" FROM "Artifact" WHERE "projectId" = ${project.id} AND "id" = ${t.artifactId}`);
    expect(stored.platform).toBe("reddit");
    expect(stored.flags).toBe(flagsOf(highlightArtifact("social_qa", artifact.content, [post.text])));
    expect(stored.flags & HIGHLIGHT_FLAGS.leaked_name).not.toBe(0);
    expect(stored.flags & HIGHLIGHT_FLAGS.pii).not.toBe(0);
  });

  const leakedIn = async (projectId: number, artifactId: string) =>
    (await db().one(row({ flags: col.int }), sql`SELECT "flags" FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" = ${artifactId}`)).flags & HIGHLIGHT_FLAGS.leaked_name;

  it("computes the checks from posts earlier in the file as it reads them", async () => {
    const project = await makeProject();
    const t = tinyBatch();
    const artifact = { ...t.artifact, content: { scenario: "Maria Lopez ran a long race.", question: "Why?", answer: "Because." } };
    expect((await importText(project.id, jsonl([t.user, { ...t.post, text: "Maria Lopez here: my knee hurts." }, artifact]))).ok).toBe(true);
    expect(await leakedIn(project.id, t.artifactId)).not.toBe(0);
  });

  it("uses the stored text of a post the file repeats with other content (the stored one is kept)", async () => {
    const project = await makeProject();
    const t = tinyBatch();
    await importText(project.id, jsonl([t.user, t.post])); // no name in the stored text
    const artifact = { ...t.artifact, content: { scenario: "Maria Lopez ran a long race.", question: "Why?", answer: "Because." } };
    const result = await importText(project.id, jsonl([t.user, { ...t.post, text: "Maria Lopez here: my knee hurts." }, artifact]));
    expect(result.summary).toMatchObject({ artifacts: 1, conflicts: 1 });
    expect(await leakedIn(project.id, t.artifactId)).toBe(0);
  });
});
