// npm run bench -- items [--artifacts N] [--runs R]
//   Loads N artifacts (with three annotators' verdicts) through the importer, then times the items
//   table's queries (the page, and the capped count) for a set of filter and sort combinations a lead
//   would use, each R times; prints p50/p99 per combination and over all of them.
import { loadBenchProject, machine, percentile } from "./load-project";
import { countText, type ItemsCount } from "../lib/domain/items-count";

/** URL query strings, as the items page receives them. */
const CASES = [
  "",
  "after=MIDDLE",
  "sort=judgeMin&dir=asc",
  "sort=judgeOverall&dir=desc&after=MIDDLE_SCORE",
  "sort=disagreement&dir=desc",
  "sort=verdictCount&dir=desc",
  "sort=finalizedAt&dir=desc",
  "kind=persona",
  "kind=social_qa&flavor=why&sort=judgeOverall&dir=desc",
  "platform=amazon",
  "platform=blogger&kind=story&status=pending",
  "status=disputed",
  "status=accepted&sort=finalizedAt&dir=desc",
  "status=rejected&kind=profile&platform=twitter",
  "overallMax=5",
  "overallMin=9&scoreMax=7&kind=scenario",
  "scoreMax=6&sort=judgeMin",
  "judged=no",
  "flags=pii",
  "flags=leaked_name&kind=scenario",
  "flags=answer_leak&status=accepted",
  "gold=yes",
  "reasons=hallucination",
  "reasons=leakage&kind=social_qa",
  "annotator=ANNOTATOR",
  "annotator=ANNOTATOR&status=disputed",
  "q=marathon",
  "q=marathon&kind=persona",
];

export async function benchItems(artifacts: number, runs: number) {
  const p = await loadBenchProject({ name: "items", artifacts, seed: "bench-items", verdictsBy: ["bench1@example.org", "bench2@example.org", "bench3@example.org"] });
  try {
    const report = await timeQueries(p.databaseUrl, p.projectId, p.annotatorIds[0], runs);
    console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine: machine(), artifacts: p.artifacts, ...report }, null, 2));
  } finally {
    await p.done();
  }
}

/** Each case's page and count, `runs` times: p50/p99 per case and over all of them. */
export async function timeQueries(databaseUrl: string, projectId: number, annotatorId: number, runs: number) {
  const { openDb } = await import("../lib/db/client");
  const { listItems, countItems } = await import("../lib/server/items/list-items");
  const { itemsQuery } = await import("../lib/validation/items-query");
  const { encodeCursor } = await import("../lib/server/items/items-where");
  const db = openDb(databaseUrl);
  const all: number[] = [];
  const counts: number[] = [];
  const perCase = [];
  for (const c of CASES) {
    const url = c
      .replace("ANNOTATOR", String(annotatorId))
      .replace("MIDDLE_SCORE", encodeCursor([7, "a-5"]))
      .replace("MIDDLE", encodeCursor(["a-5", "a-5"]));
    const query = itemsQuery.parse(Object.fromEntries(new URLSearchParams(url)));
    const page: number[] = [];
    const count: number[] = [];
    let rows = 0;
    let total: ItemsCount = { count: 0, bound: "exact" };
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      rows = (await listItems(projectId, query, db)).rows.length;
      page.push(performance.now() - t);
      t = performance.now();
      total = await countItems(projectId, query, db);
      count.push(performance.now() - t);
    }
    all.push(...page);
    counts.push(...count);
    perCase.push({
      query: c || "(no filter)",
      rows,
      matches: countText(total),
      pageMs: { p50: percentile(page, 50), p99: percentile(page, 99) },
      countMs: { p50: percentile(count, 50), p99: percentile(count, 99) },
    });
  }
  await db.close();
  return {
    runsPerCase: runs,
    pageMs: { p50: percentile(all, 50), p99: percentile(all, 99), max: +Math.max(...all).toFixed(1) },
    countMs: { p50: percentile(counts, 50), p99: percentile(counts, 99), max: +Math.max(...counts).toFixed(1) },
    cases: perCase,
    targets: { pageP99Ms: 100 },
  };
}
