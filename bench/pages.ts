// npm run bench -- pages [--artifacts N] [--runs R]
//   What each lead page's data costs at N artifacts: loads N artifacts with three annotators'
//   verdicts through the importer (overlap 2, so some are disputed), saves calibrated rules, then
//   calls each page's use cases R times, warm, one at a time, and prints p50/p99 per page. Beside
//   them, as references measured in the same run, the same numbers counted from the rows (what the
//   dashboard and the adjudication list did before their counts were kept on write).
import { loadBenchProject, machine, percentile } from "./load-project";

export async function benchPages(artifacts: number, runs: number) {
  const p = await loadBenchProject({ name: "pages", artifacts, seed: "bench-pages", verdictsBy: ["bench1@example.org", "bench2@example.org", "bench3@example.org"] });
  try {
    const { openDb } = await import("../lib/db/client");
    const { sql } = await import("../lib/db/sql");
    const { col, row } = await import("../lib/db/columns");
    const { itemsQuery } = await import("../lib/validation/items-query");
    const { itemsWhere, ITEMS_FROM } = await import("../lib/server/items/items-where");
    const projectId = p.projectId;
    const q = openDb(p.databaseUrl);
    await q.exec(sql`VACUUM ANALYZE`);
    const n = row({ n: col.int });
    const pages: [string, () => Promise<unknown>][] = [
      ...(await leadPageCalls(projectId, p.databaseUrl)),
      // references: the same numbers counted from the rows
      [
        "reference: dashboard counted from the rows",
        () =>
          Promise.all([
            q.many(n, sql`SELECT COUNT(*) AS "n" FROM "ArtifactState" WHERE "projectId" = ${projectId} GROUP BY "status"`),
            q.many(n, sql`SELECT COUNT(*) AS "n" FROM "ArtifactState" WHERE "projectId" = ${projectId} GROUP BY "kind", "status"`),
            q.many(n, sql`SELECT COUNT(*) AS "n" FROM "ArtifactState" WHERE "projectId" = ${projectId} GROUP BY "platform", "status"`),
            q.many(n, sql`SELECT COUNT(*) AS "n" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "decision" <> 'retract' GROUP BY ("createdAt" AT TIME ZONE 'UTC')::date`),
            q.many(n, sql`SELECT COUNT(*) AS "n" FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "finalizedAt" IS NOT NULL GROUP BY ("finalizedAt" AT TIME ZONE 'UTC')::date`),
          ]),
      ],
      [
        "reference: disputes ranked from their live verdicts",
        () =>
          q.many(
            n,
            sql`WITH d AS (SELECT a."artifactId" AS "id" FROM "ArtifactState" a WHERE a."projectId" = ${projectId} AND a."status" = 'disputed'),
                     live AS (SELECT DISTINCT ON (v."artifactId", v."accountId") v."artifactId", v."decision" FROM "VerdictEvent" v
                              WHERE v."projectId" = ${projectId} AND v."artifactId" IN (SELECT "id" FROM d) ORDER BY v."artifactId", v."accountId", v."createdAt" DESC, v."id" DESC)
                SELECT COUNT(*) FILTER (WHERE l."decision" = 'accept')::int AS "n" FROM d LEFT JOIN live l ON l."artifactId" = d."id" GROUP BY d."id"`,
          ),
      ],
      ["reference: items count of every artifact", () => q.one(n, sql`SELECT COUNT(*) AS "n" FROM "Artifact" WHERE "projectId" = ${projectId}`)],
      [
        "reference: items count of q=coffee as the set of every match (up to 10,001)",
        () => q.one(n, sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM ${ITEMS_FROM} WHERE ${itemsWhere(projectId, itemsQuery.parse({ q: "coffee" }), "ids")} LIMIT 10001) m`),
      ],
    ];
    const report = await timeCalls(pages, runs);
    await q.close();
    console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine: machine(), artifacts: p.artifacts, verdicts: p.verdicts, runs, pages: report }, null, 2));
  } finally {
    await p.done();
  }
}

/**
 * Each lead page's server-side calls at their project, as the pages make them; saves calibrated
 * rules and counts the kept triage preview first (as after a dashboard load with the worker running).
 */
export async function leadPageCalls(projectId: number, databaseUrl: string): Promise<[string, () => Promise<unknown>][]> {
  const { defaultRuleSet } = await import("../lib/domain/qc/rule-set");
  const { saveRuleSet } = await import("../lib/server/qc/rule-sets");
  const { projectDashboard } = await import("../lib/server/projects/project-dashboard");
  const { listProjects } = await import("../lib/server/projects/list-projects");
  const { triagePreview } = await import("../lib/server/qc/triage-preview");
  const { keptTriagePreview, countTriagePreview } = await import("../lib/server/qc/kept-triage-preview");
  const { triageOutcome } = await import("../lib/server/qc/apply-triage");
  const { disputedArtifacts } = await import("../lib/server/adjudication/adjudication-queue");
  const { itemsPage } = await import("../lib/server/items/list-items");
  const { itemsQuery } = await import("../lib/validation/items-query");
  const admin = { id: 0, email: "bench@example.org", role: "admin" as const, name: null };
  const rules = { ...defaultRuleSet(), reject: { persona: { hallucination: 5 }, "social_qa:why": { leakage: 5 } } };
  await saveRuleSet(projectId, { rules }, { actorLabel: "bench" });
  await (await import("../lib/server/jobs/queue")).ensureQueues(databaseUrl);
  await keptTriagePreview(projectId);
  await countTriagePreview(projectId, { url: databaseUrl });
  return [
    ["project cards (every project's counts by status)", () => listProjects(admin as never)],
    ["dashboard counts (status, kind, platform, per day, flags)", () => projectDashboard(projectId)],
    ["triage outcome", () => triageOutcome(projectId)],
    ["triage preview as the dashboard reads it (kept; counted by a worker)", () => keptTriagePreview(projectId)],
    ["triage preview counted (the worker's job, calibrated rules)", () => triagePreview(projectId)],
    ["adjudication list, first page, with its total", () => disputedArtifacts(projectId)],
    ["items table, no filter: page + count", () => itemsPage(projectId, itemsQuery.parse({}))],
    ["items table, status=disputed: page + count", () => itemsPage(projectId, itemsQuery.parse({ status: "disputed" }))],
    ...([{ q: "marathon" }, { q: "coffee" }, { q: "coffee", status: "pending" }, { q: "coffee", kind: "persona", sort: "judgeOverall" }] as Record<string, string>[]).map(
      (params): [string, () => Promise<unknown>] => [`items table, ${new URLSearchParams(params).toString()}: page + count`, () => itemsPage(projectId, itemsQuery.parse(params))],
    ),
  ];
}

/** Each call once to warm it (plans, caches), then `runs` times one at a time: p50, p99 and max in ms. */
export async function timeCalls(calls: [string, () => Promise<unknown>][], runs: number) {
  const report = [];
  for (const [name, call] of calls) {
    await call();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await call();
      times.push(performance.now() - t0);
    }
    const line = { page: name, p50: percentile(times, 50), p99: percentile(times, 99), max: +Math.max(...times).toFixed(1) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    report.push(line);
  }
  return report;
}
