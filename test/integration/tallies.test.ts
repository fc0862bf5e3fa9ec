import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/env";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { defaultRuleSet, type RuleSet } from "@/lib/domain/qc/rule-set";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { setGold } from "@/lib/server/items/set-gold";
import { countItems } from "@/lib/server/items/list-items";
import { artifactTally, dailyTally, facetTally } from "@/lib/server/projects/tallies";
import { FACETS, type Facet } from "@/lib/domain/items-count";
import { applyTriage } from "@/lib/server/qc/apply-triage";
import { saveRuleSet } from "@/lib/server/qc/rule-sets";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { undoLastVerdict } from "@/lib/server/review/undo-verdict";
import { itemsQuery } from "@/lib/validation/items-query";
import { count, sql, update, ARTIFACT_ROWS } from "../helpers/db";
import { TEST_ACTOR, addMember, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const Recount = row({
  kind: col.text,
  platform: col.text,
  status: col.text,
  decidedBy: col.text,
  triageRoute: col.text,
  triageAudit: col.bool,
  flagged: col.bool,
  overridden: col.bool,
  gold: col.bool,
  n: col.int,
});

/** The project's artifacts counted the slow way, from their rows, in the tally's shape. */
async function recount(projectId: number) {
  return db().many(
    Recount,
    sql`SELECT "kind", "platform", "status", COALESCE("decidedBy", '') AS "decidedBy", COALESCE("triageRoute", '') AS "triageRoute", "triageAudit",
               COALESCE("flags", 0) <> 0 AS "flagged", "overrideFlags" <> 0 AS "overridden", "isGold" AS "gold", COUNT(*) AS "n"
        FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  );
}

const Day = row({ day: col.text, verdicts: col.int, finalized: col.int });

async function recountDays(projectId: number) {
  return db().many(
    Day,
    sql`SELECT "day", SUM("verdicts") AS "verdicts", SUM("finalized") AS "finalized" FROM (
          SELECT to_char(("createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "day", COUNT(*) AS "verdicts", 0 AS "finalized" FROM "VerdictEvent"
          WHERE "projectId" = ${projectId} AND "decision" <> 'retract' GROUP BY 1
          UNION ALL
          SELECT to_char(("finalizedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), 0, COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "finalizedAt" IS NOT NULL GROUP BY 1
        ) d GROUP BY 1 ORDER BY 1`,
  );
}

const FacetRecount = row({ kind: col.text, platform: col.text, status: col.text, gold: col.bool, overridden: col.bool, value: col.text, n: col.int });

/**
 * The project's artifacts by one facet's value, counted from their rows: the scores from the
 * artifact's own overall and lowest score (not from the packed copy the tally reads).
 */
async function recountFacet(projectId: number, facet: Facet) {
  const offScale = sql`EXISTS (SELECT 1 FROM jsonb_each_text("judgeScoresJson"::jsonb) s WHERE s."value"::int NOT BETWEEN 1 AND 10)`;
  const value = {
    flavor: sql`"flavor"`,
    flags: sql`NULLIF(COALESCE("flags", 0), 0)::text`,
    reasons: sql`NULLIF("reasonFlags", 0)::text`,
    scores: sql`CASE WHEN "judgeMin" IS NULL THEN 'none' WHEN ${offScale} THEN 'off' ELSE COALESCE("judgeOverall"::text, '') || ':' || "judgeMin"::text END`,
  }[facet];
  return db().many(
    FacetRecount,
    sql`SELECT "kind", "platform", "status", "isGold" AS "gold", "overrideFlags" <> 0 AS "overridden", ${value} AS "value", COUNT(*) AS "n"
        FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND ${value} IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
  );
}

const sorted = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

async function expectTallyToMatch(projectId: number) {
  expect(sorted(await artifactTally(projectId))).toEqual(sorted(await recount(projectId)));
  expect(await dailyTally(projectId)).toEqual(await recountDays(projectId));
  for (const facet of FACETS) expect(sorted(await facetTally(projectId, facet)), facet).toEqual(sorted(await recountFacet(projectId, facet)));
}

/** Artifacts on one user, the first `passing` with scores triage would accept, the rest failing its leakage threshold. */
function batch(n: number, failing: number) {
  const b = tinyBatch();
  const artifacts = Array.from({ length: n }, (_, i) => ({
    ...b.artifact,
    id: `${b.artifactId}-${i}`,
    // (overall varies, and one has a score off the scale)
    judge: { model: "judge", scores: { hallucination: 9, coverage: 9, fidelity: 9, novelty: 9, leakage: i < failing ? 2 : 9, overall: i === n - 2 ? 12 : 7 + (i % 4) } },
  }));
  return { b, lines: [b.user, b.post, ...artifacts], ids: artifacts.map((a) => a.id) };
}

const Slot = row({ slot: col.int });

describe("the tallies kept on write", () => {
  it("agree with a recount after imports, verdicts, undo, gold, triage, adjudication, direct updates and deletes", async () => {
    const project = await makeProject();
    await update("Project", { id: project.id }, { overlap: 2 });
    const [a, b, c, lead] = [await makeAccount(), await makeAccount(), await makeAccount(), await makeAccount("lead")];
    for (const x of [a, b, c, lead]) await addMember(project.id, x.id);
    const as = (x: { id: number; email: string }) => ({ actorId: x.id, actorLabel: x.email });
    const { lines, ids } = batch(40, 10);
    // imported verdicts on two days: one artifact accepted, one disputed
    const v = (artifactId: string, who: { email: string }, decision: string, day: string) => ({
      type: "verdict",
      artifact_id: artifactId,
      annotator: who.email,
      decision,
      reasons: decision === "reject" ? ["generic"] : [],
      created_at: `${day}T10:00:00Z`,
    });
    const imported = await importText(
      project.id,
      jsonl([...lines, v(ids[30], a, "accept", "2026-11-20"), v(ids[30], b, "accept", "2026-11-21"), v(ids[31], a, "accept", "2026-11-21"), v(ids[31], b, "reject", "2026-11-21")]),
    );
    expect(imported.errors).toEqual([]);
    await expectTallyToMatch(project.id);

    // three annotators review at once through the review doors
    await Promise.all(
      [a, b, c].map(async (who, i) => {
        for (let k = 0; k < 6; k++) {
          const claim = await claimNextArtifact(project.id, who.id);
          if (!claim) return;
          const decision = (k + i) % 3 === 0 ? "reject" : "accept";
          await submitVerdict(project.id, as(who), { artifactId: claim.artifactId, decision, reasons: decision === "reject" ? ["hallucination"] : [] });
        }
      }),
    );
    await undoLastVerdict(project.id, as(c));
    await expectTallyToMatch(project.id);

    await setGold({ projectId: project.id, artifactId: ids[39], gold: "accept" }, TEST_ACTOR);
    await adjudicate(project.id, as(lead), { artifactId: ids[31], decision: "accept", note: "supported" });
    await expectTallyToMatch(project.id);

    const rules: RuleSet = { ...defaultRuleSet(), reject: { "social_qa:why": { leakage: 5 } } };
    await saveRuleSet(project.id, { rules }, TEST_ACTOR);
    const triaged = await applyTriage(project.id, TEST_ACTOR);
    expect(triaged.finalized + triaged.audits).toBeGreaterThan(0);
    await expectTallyToMatch(project.id);

    // writes no use case makes still count: a row's every counted column changed by hand, and a delete
    await update("Artifact", { projectId: project.id, id: ids[0] }, { flags: 3, kind: "persona", platform: "twitter" });
    await update("ArtifactState", { projectId: project.id, artifactId: ids[0] }, { overrideFlags: 1 });
    // (an artifact with verdicts cannot be deleted: the feed is append-only)
    await db().exec(
      sql`DELETE FROM "Artifact" a WHERE a."projectId" = ${project.id} AND a."id" = (SELECT MAX("id") FROM ${ARTIFACT_ROWS} x WHERE x."projectId" = ${project.id} AND x."verdictCount" = 0
          AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = x."projectId" AND v."artifactId" = x."id") AND NOT EXISTS (SELECT 1 FROM "Lease" l WHERE l."projectId" = x."projectId" AND l."artifactId" = x."id"))`,
    );
    await expectTallyToMatch(project.id);

    // the items table's count of what the tally keeps is exact
    const accepted = await count(sql`SELECT COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${project.id} AND "status" = 'accepted'`);
    expect(await countItems(project.id, itemsQuery.parse({ status: "accepted" }))).toEqual({ count: accepted, bound: "exact" });
  });

  it("count a bulk transaction's facets once, at its commit, and none of one rolled back", async () => {
    const project = await makeProject();
    const { lines, ids } = batch(30, 5);
    const facets = () => db().many(row({ n: col.int }), sql`SELECT COALESCE(SUM("n"), 0)::int AS "n" FROM "FacetTally" WHERE "projectId" = ${project.id} AND "facet" = 'scores'`);
    const bulk = async (commit: boolean) => {
      const writes = db().tx(async (t) => {
        await t.exec(sql`SELECT set_config('workbench.bulk', 'on', true)`);
        await t.exec(sql`INSERT INTO "SourceUser" ("projectId", "uid", "platform") VALUES (${project.id}, ${lines[0].uid as string}, 'reddit') ON CONFLICT DO NOTHING`);
        // three statements, as an import's chunks: none counted before the commit
        for (const part of [ids.slice(0, 10), ids.slice(10, 20), ids.slice(20)]) {
          await t.exec(sql`INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "contentJson", "judgeScoresJson", "judgeMin", "scoresPacked", "importedAt")
                           SELECT ${project.id}, x, ${lines[0].uid as string}, 'reddit', 'persona', '{}', '{"hallucination":9}', 9, 9, now() FROM unnest(${part}::text[]) x`);
        }
        expect(await t.one(row({ n: col.int }), sql`SELECT COALESCE(SUM("n"), 0)::int AS "n" FROM "FacetTally" WHERE "projectId" = ${project.id}`)).toEqual({ n: 0 });
        if (!commit) throw new Error("rolled back");
      });
      if (!commit) await expect(writes).rejects.toThrow("rolled back");
      else await writes;
    };
    await bulk(false);
    expect(await facets()).toEqual([{ n: 0 }]);
    await bulk(true);
    expect(await facets()).toEqual([{ n: 30 }]);
    await expectTallyToMatch(project.id);
  });

  it("counts a bulk statement in slots no verdict uses, and a verdict in its backend's", async () => {
    const project = await makeProject();
    const { lines } = batch(1_200, 0);
    expect((await importText(project.id, jsonl(lines))).errors).toEqual([]);
    const slots = async () => (await db().many(Slot, sql`SELECT DISTINCT "slot" FROM "ArtifactTally" WHERE "projectId" = ${project.id} AND "n" <> 0`)).map((s) => s.slot);
    expect((await slots()).every((s) => s < 0)).toBe(true);
    await db().exec(sql`UPDATE "Artifact" SET "isGold" = true WHERE "projectId" = ${project.id} AND "id" = (SELECT MIN("id") FROM "Artifact" WHERE "projectId" = ${project.id})`);
    expect((await slots()).some((s) => s >= 0 && s < 16)).toBe(true);
    await expectTallyToMatch(project.id);
    // a verdict counts its day in slots no artifact statement takes (16-31): a verdict writes its event
    // before its artifact's state, and sharing rows would take them in the other order than an undo
    const [a, b] = [await makeAccount(), await makeAccount()];
    const first = lines.find((l) => (l as { type?: string }).type === "artifact") as { id: string };
    const v = (who: { email: string }) => ({ type: "verdict", artifact_id: first.id, annotator: who.email, decision: "accept", created_at: "2026-11-20T10:00:00Z" });
    await importText(project.id, jsonl([v(a), v(b)]));
    const verdictSlots = (await db().many(Slot, sql`SELECT DISTINCT "slot" FROM "DailyTally" WHERE "projectId" = ${project.id} AND "verdicts" <> 0`)).map((s) => s.slot);
    expect(verdictSlots.length).toBeGreaterThan(0);
    expect(verdictSlots.every((s) => s >= 16 || s <= -5)).toBe(true);
    await expectTallyToMatch(project.id);
  });

  it("never make a verdict wait for another open transaction's count, even one whose backend has the same slot", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    expect((await importText(project.id, jsonl([b.user, b.post, b.artifact]))).ok).toBe(true);
    const who = await makeAccount();
    const insert = `INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "createdAt") VALUES (${project.id}, '${b.artifactId}', ${who.id}, 'accept', now())`;
    const clients: pg.Client[] = [];
    const connect = async () => {
      const c = new pg.Client({ connectionString: databaseUrl() });
      clients.push(c);
      await c.connect();
      return { c, pid: ((await c.query("SELECT pg_backend_pid() AS pid")).rows[0] as { pid: number }).pid };
    };
    try {
      const holder = await connect();
      await holder.c.query("BEGIN");
      await holder.c.query(insert);
      // a backend the old rule (pid % 16) would have sent to the holder's rows
      let twin: pg.Client | undefined;
      for (let i = 0; i < 64 && !twin; i++) {
        const next = await connect();
        if (next.pid % 16 === holder.pid % 16) twin = next.c;
      }
      expect(twin).toBeDefined();
      await twin!.query("SET statement_timeout = '5s'");
      await twin!.query(insert);
      await holder.c.query("COMMIT");
      await expectTallyToMatch(project.id);
      expect(await count(sql`SELECT SUM("verdicts") FROM "DailyTally" WHERE "projectId" = ${project.id}`)).toBe(2);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it("go with their project, and a project's removal is not refused by them", async () => {
    const project = await makeProject();
    const { lines, ids } = batch(3, 0);
    await importText(project.id, jsonl(lines));
    await update("ArtifactState", { projectId: project.id, artifactId: ids[0] }, { status: "accepted", decidedBy: "lead", finalDecision: "accept", finalizedAt: new Date() });
    expect(await count(sql`SELECT COUNT(*) FROM "DailyTally" WHERE "projectId" = ${project.id}`)).toBeGreaterThan(0);
    await db().exec(sql`DELETE FROM "Project" WHERE "id" = ${project.id}`);
    expect(await count(sql`SELECT COUNT(*) FROM "ArtifactTally" WHERE "projectId" = ${project.id}`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "DailyTally" WHERE "projectId" = ${project.id}`)).toBe(0);
  });
});
