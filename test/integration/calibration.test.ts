import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { defaultRuleSet, ruleSetSchema } from "@/lib/domain/qc/rule-set";
import { calibrate } from "@/lib/server/qc/calibration";
import {
  calibratesInline,
  calibrationFreshness,
  calibrationRun,
  calibrationRuns,
  INLINE_ARTIFACTS,
  performCalibrationRun,
  refreshCalibration,
  requestCalibration,
} from "@/lib/server/qc/calibration-runs";
import { RISKY_CHECKS } from "@/lib/domain/risky-checks";
import { rubricKey } from "@/lib/domain/kinds";
import { currentRuleSet, ruleSetVersion, ruleSetVersions, saveRuleSet } from "@/lib/server/qc/rule-sets";
import { db as database } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { count, sql, texts, update, ARTIFACT_ROWS } from "../helpers/db";
import { until, useWorkers } from "../helpers/job-workers";
import { TEST_ACTOR, addMember, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";

async function labeledProject() {
  const { id } = await makeProject();
  const people = [await makeAccount(), await makeAccount(), await makeAccount()];
  const result = await importText(id, jsonl([...generateDemoBatch({ users: 150, seed: "calibration", annotators: people.map((p) => p.email) })]));
  expect(result.ok).toBe(true);
  return id;
}

/** Calibrates at `target` as the page does (a run of its own) and saves every key's proposals. */
async function calibrateAndSave(projectId: number, target: number) {
  const { saveProposals } = await import("@/lib/server/qc/save-proposals");
  const runId = await refreshCalibration(projectId, target, TEST_ACTOR);
  const { report } = await calibrationRun(projectId, runId);
  return saveProposals(projectId, { runId, keys: report!.keys.map((k) => k.key), note: "" }, TEST_ACTOR);
}

const workers = useWorkers();

describe("calibration", () => {
  it("measures the rubric against people's final labels per rubric key and proposes thresholds where there are enough", async () => {
    const projectId = await labeledProject();
    const report = await calibrate(projectId);
    expect(report.ruleSetVersion).toBe(1);
    expect(report.keys.length).toBeGreaterThan(3);
    const finalJudged = await count(
      sql`SELECT COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" IN ('accepted','rejected') AND "judgeScoresJson" IS NOT NULL AND "kind" NOT IN ('writing_style','summary')`,
    );
    const counted = report.keys.reduce((n, k) => n + k.labels.accepted + k.labels.rejected, 0);
    expect(counted).toBe(finalJudged);
    for (const k of report.keys) {
      const { tp, fp, fn, tn } = k.confusion;
      expect(tp + fp + fn + tn).toBe(k.labels.accepted + k.labels.rejected);
      expect(k.proposal.status).toBe(k.labels.accepted + k.labels.rejected >= 30 ? "proposed" : "too_few");
      if (k.proposal.status === "proposed") {
        expect(k.effect).not.toBeNull();
        expect(k.effect!.open).toBeGreaterThan(0);
      }
    }
    expect(report.keys.some((k) => k.proposal.status === "proposed")).toBe(true);
  });

  it("counts what each proposal would change among the open artifacts, as counting them one by one does", async () => {
    const projectId = await labeledProject();
    const report = await calibrate(projectId);
    const rows = await database().many(
      row({ kind: col.text as unknown as import("zod").ZodType<never, string>, flavor: col.text.nullable(), judgeScoresJson: col.text }),
      sql`SELECT "kind", "flavor", "judgeScoresJson" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" IN ('pending', 'in_review', 'disputed') AND "judgeScoresJson" IS NOT NULL`,
    );
    const passes = (scores: Record<string, number>, t: Record<string, number | undefined>) => Object.entries(t).every(([m, min]) => (scores[m] ?? 0) >= min!);
    const below = (scores: Record<string, number>, t: Record<string, number | undefined>) => Object.entries(t).some(([m, min]) => m in scores && scores[m] < min!);
    let compared = 0;
    for (const k of report.keys) {
      if (k.proposal.status !== "proposed") continue;
      const expected = { open: 0, passNow: 0, passProposed: 0, changed: 0, autoRejected: 0 };
      for (const r of rows) {
        if (rubricKey(r.kind, r.flavor) !== k.key) continue;
        const scores = JSON.parse(r.judgeScoresJson) as Record<string, number>;
        const now = passes(scores, report.rules.pass[k.key as keyof typeof report.rules.pass]);
        const next = passes(scores, k.proposal.accept.thresholds);
        expected.open++;
        if (now) expected.passNow++;
        if (next) expected.passProposed++;
        if (now !== next) expected.changed++;
        if (!next && below(scores, k.proposal.reject.thresholds)) expected.autoRejected++;
      }
      expect({ key: k.key, ...k.effect }).toEqual({ key: k.key, ...expected });
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });

  it("uses only the labels given before it runs", async () => {
    const projectId = await labeledProject();
    expect((await calibrate(projectId, { now: new Date("2020-01-01T00:00:00Z") })).keys).toEqual([]);
  });

  it("saves a proposal as the next immutable version and makes it current", async () => {
    const projectId = await labeledProject();
    const report = await calibrate(projectId);
    const proposed = report.keys.find((k) => k.proposal.status === "proposed")!;
    if (proposed.proposal.status !== "proposed") throw new Error("proposed");
    const rules = defaultRuleSet();
    rules.pass[proposed.key as keyof typeof rules.pass] = proposed.proposal.accept.thresholds;
    rules.reject[proposed.key as keyof typeof rules.pass] = proposed.proposal.reject.thresholds;
    const lead = await makeAccount("lead");
    const saved = await saveRuleSet(projectId, { rules, note: "calibrated" }, { actorId: lead.id, actorLabel: lead.email });
    expect(saved).toMatchObject({ version: 2, basedOn: 1, note: "calibrated", createdBy: lead.email });
    expect((await currentRuleSet(projectId)).version).toBe(2);
    expect((await ruleSetVersion(projectId, 1)).rules).toEqual(defaultRuleSet());
    expect((await ruleSetVersions(projectId)).map((v) => v.version)).toEqual([2, 1]);
    expect((await calibrate(projectId)).ruleSetVersion).toBe(2);
    await expect(saveRuleSet(projectId, { rules: { ...rules, pass: { persona: {} } } }, TEST_ACTOR)).rejects.toThrow();
    await expect(database().exec(sql`UPDATE "RuleSet" SET "note" = 'x' WHERE "projectId" = ${projectId}`)).rejects.toThrow(/immutable/);
    expect(await count(sql`SELECT COUNT(*) FROM "AuditEvent" WHERE "action" = 'rules.saved' AND "projectId" = ${projectId}`)).toBe(1);
    expect(ruleSetSchema.parse((await currentRuleSet(projectId)).rules)).toEqual(rules);

    // the review screen judges by the current version (and shows nothing of it in blind mode)
    const { loadReviewItem } = await import("@/lib/server/review/load-review-item");
    const [kind, flavor] = proposed.key.split(":");
    const ofFlavor = flavor ? sql`AND "flavor" = ${flavor}` : sql.empty;
    const [id] = await texts(sql`SELECT "id" AS "v" FROM "Artifact" WHERE "projectId" = ${projectId} AND "kind" = ${kind} ${ofFlavor} AND "judgeScoresJson" IS NOT NULL LIMIT 1`);
    const item = await loadReviewItem(database(), projectId, id, { blind: false });
    expect(item.judge!.rule).toMatchObject({ version: 2, min: proposed.proposal.accept.thresholds });
    expect(["pass", "fail"]).toContain(item.judge!.rule.outcome);
    expect((await loadReviewItem(database(), projectId, id, { blind: true })).judge).toBeNull();
  });

  it("saves the chosen proposals of a calibration run as the next version, and refuses when the rules moved on", async () => {
    const { rulesWithProposals, saveProposals } = await import("@/lib/server/qc/save-proposals");
    const projectId = await labeledProject();
    const runId = await refreshCalibration(projectId, 0.95, TEST_ACTOR);
    const run = await calibrationRun(projectId, runId);
    expect(run).toMatchObject({ status: "succeeded", progress: 1, target: 0.95 });
    const report = run.report!;
    // the run's report is the calibration of its labels, as computed directly
    expect(report).toEqual(await calibrate(projectId, { now: new Date(run.labelsAt), target: 0.95 }));
    const { changes } = rulesWithProposals(
      report,
      report.keys.map((k) => k.key),
    );
    expect(changes.length).toBeGreaterThan(0);
    const key = changes[0].key;
    const { saved } = await saveProposals(projectId, { runId, keys: [key], note: "" }, TEST_ACTOR);
    expect(saved.version).toBe(2);
    expect(saved.note).toContain(key);
    expect(saved.note).toContain("precision 0.95");
    const k = report.keys.find((x) => x.key === key)!;
    if (k.proposal.status !== "proposed") throw new Error("proposed");
    if (k.proposal.accept.reachable) expect(saved.rules.pass[key as keyof typeof saved.rules.pass]).toEqual(k.proposal.accept.thresholds);
    // other keys keep the rubric
    const other = report.keys.find((x) => x.key !== key)!;
    expect(saved.rules.pass[other.key as keyof typeof saved.rules.pass]).toEqual(defaultRuleSet().pass[other.key as keyof typeof saved.rules.pass]);
    await expect(saveProposals(projectId, { runId, keys: [key], note: "" }, TEST_ACTOR)).rejects.toThrow(/changed to version 2/);
    const again = await refreshCalibration(projectId, 0.95, TEST_ACTOR);
    await expect(saveProposals(projectId, { runId: again, keys: [], note: "" }, TEST_ACTOR)).rejects.toThrow(/change nothing/);
    // a run of another project is not found from this one
    const elsewhere = await labeledProject();
    await expect(saveProposals(elsewhere, { runId: again, keys: [key], note: "" }, TEST_ACTOR)).rejects.toThrow(/does not exist in this project/);
  });

  it("tells what changed since a calibration run: new verdicts, adjudications and rules", async () => {
    const projectId = await labeledProject();
    const runId = await refreshCalibration(projectId, 0.9, TEST_ACTOR);
    const run = await calibrationRun(projectId, runId);
    expect(await calibrationFreshness(projectId, run)).toEqual({ newVerdicts: 0, newAdjudications: 0, rulesNow: null, stale: false });
    const annotator = await makeAccount();
    await addMember(projectId, annotator.id);
    const { claimNextArtifact } = await import("@/lib/server/review/claim-next-artifact");
    const { submitVerdict } = await import("@/lib/server/review/submit-verdict");
    const claim = (await claimNextArtifact(projectId, annotator.id, { random: () => 1 }))!;
    await submitVerdict(
      projectId,
      { actorId: annotator.id, actorLabel: annotator.email },
      { artifactId: claim.artifactId, decision: "accept", reasons: [], durationMs: 1000, overrides: [...RISKY_CHECKS] },
    );
    expect(await calibrationFreshness(projectId, run)).toMatchObject({ newVerdicts: 1, stale: true });
    await saveRuleSet(projectId, { rules: defaultRuleSet(), note: "again" }, TEST_ACTOR);
    expect(await calibrationFreshness(projectId, run)).toMatchObject({ rulesNow: 2, stale: true });
    expect((await calibrationFreshness(projectId, null)).stale).toBe(true);
  });

  it("calibrates within a request only a small project: few labels and few artifacts", async () => {
    const projectId = await labeledProject();
    expect(await calibratesInline(projectId)).toBe(true);
    // as if the project held more artifacts than a request should pass over (the tallies say how many)
    await database().exec(
      sql`INSERT INTO "ArtifactTally" ("projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", "slot", "n")
          VALUES (${projectId}, 'persona', 'reddit', 'pending', '', '', false, false, false, false, 99, ${INLINE_ARTIFACTS})`,
    );
    expect(await calibratesInline(projectId)).toBe(false);
    const queued = await refreshCalibration(projectId, 0.9, TEST_ACTOR);
    expect((await calibrationRun(projectId, queued)).status).toBe("running"); // left to a worker
  });

  it("queues a calibration for a worker, refuses a second meanwhile, and keeps the last runs", async () => {
    const projectId = await labeledProject();
    const queued = await requestCalibration(projectId, 0.9, TEST_ACTOR);
    expect((await calibrationRuns(projectId)).latest).toMatchObject({ id: queued, status: "running", waiting: true, report: null });
    await expect(requestCalibration(projectId, 0.9, TEST_ACTOR)).rejects.toThrow(/already being calibrated/);
    expect(await count(sql`SELECT COUNT(*) FROM pgboss.job WHERE "name" = 'workbench-calibration' AND "data"->>'runId' = ${String(queued)}`)).toBe(1);
    // a worker takes it, as the one beside npm start does
    await workers.inProcess();
    const done = await until(`calibration run ${queued} to end`, async () => ((r) => r.status !== "running" && r)(await calibrationRun(projectId, queued)));
    expect(done).toMatchObject({ status: "succeeded", progress: 1 });
    expect(done.report!.keys.length).toBeGreaterThan(3);
    expect((await calibrationRuns(projectId)).ready?.id).toBe(queued);
    await expect(performCalibrationRun(queued, { url: process.env.DATABASE_URL })).rejects.toThrow(/already succeeded/);
    for (let i = 0; i < 22; i++) await performCalibrationRun(await requestCalibration(projectId, 0.9, TEST_ACTOR, { queued: false }), { url: process.env.DATABASE_URL });
    expect(await count(sql`SELECT COUNT(*) FROM "CalibrationRun" WHERE "projectId" = ${projectId}`)).toBe(20);
    expect((await calibrationRuns(projectId)).ready?.target).toBe(0.9);
  });

  it("previews triage: where open artifacts would go and how often it would have been wrong on reviewed ones", async () => {
    const { triagePreview } = await import("@/lib/server/qc/triage-preview");
    const { triageRoute } = await import("@/lib/domain/qc/rule-set");
    const projectId = await labeledProject();
    expect(await triagePreview(projectId)).toMatchObject({ ruleSetVersion: 1, calibrated: false, open: { auto_accept: 0, auto_reject: 0 } });

    await calibrateAndSave(projectId, 0.9);
    const preview = await triagePreview(projectId);
    expect(preview.calibrated).toBe(true);

    // the same numbers computed another way: from the JSON scores, artifact by artifact
    const rows = await database().many(
      row({ kind: col.text as unknown as import("zod").ZodType<never, string>, flavor: col.text.nullable(), judgeScoresJson: col.text.nullable(), flags: col.int, status: col.text }),
      sql`SELECT "kind", "flavor", "judgeScoresJson", "flags", "status" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId}`,
    );
    const rules = (await currentRuleSet(projectId)).rules;
    const expected = { open: { auto_accept: 0, auto_reject: 0, human: 0 }, decided: 0, wrong: 0 };
    for (const r of rows) {
      const route = triageRoute(rules, { kind: r.kind, flavor: r.flavor, scores: r.judgeScoresJson ? JSON.parse(r.judgeScoresJson) : null, flags: r.flags });
      if (r.status !== "accepted" && r.status !== "rejected") expected.open[route]++;
      else if (route !== "human") {
        expected.decided++;
        if ((route === "auto_accept") !== (r.status === "accepted")) expected.wrong++;
      }
    }
    expect(preview.open).toEqual(expected.open);
    expect(preview.reviewed.autoAccepted + preview.reviewed.autoRejected).toBe(expected.decided);
    expect(preview.reviewed.wrong).toBe(expected.wrong);
    expect(expected.decided).toBeGreaterThan(0);
    expect(preview.reviewed.verdictsSaved).toBe(expected.decided * 2);
  });

  it("applies triage: sure artifacts decided by the rules, a sample left for people to audit, the rest marked for people", async () => {
    const { applyTriage, triageOutcome } = await import("@/lib/server/qc/apply-triage");
    const projectId = await labeledProject();
    await expect(applyTriage(projectId, TEST_ACTOR)).rejects.toThrow(/no reject thresholds/);
    const labelsBefore = (await calibrate(projectId)).keys.reduce((n, k) => n + k.labels.accepted + k.labels.rejected, 0);
    await calibrateAndSave(projectId, 0.9);

    // someone is reviewing one open artifact right now: triage must leave it alone
    const [leased] = await texts(
      sql`SELECT "id" AS "v" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'pending' AND "verdictCount" = 0 AND NOT "isGold" ORDER BY "id" LIMIT 1`,
    );
    const annotator = await makeAccount();
    await database().exec(
      sql`INSERT INTO "Lease" ("projectId", "artifactId", "accountId", "createdAt", "expiresAt") VALUES (${projectId}, ${leased}, ${annotator.id}, ${new Date()}, ${new Date(Date.now() + 600_000)})`,
    );
    const eligible = await count(sql`SELECT COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'pending' AND "verdictCount" = 0 AND NOT "isGold"`);

    const result = await applyTriage(projectId, TEST_ACTOR);
    expect(result.routed.auto_accept + result.routed.auto_reject + result.routed.human).toBe(eligible);
    // every auto decision is written, except on the leased artifact if the rules had an opinion on it
    const auto = result.routed.auto_accept + result.routed.auto_reject;
    expect(result.finalized + result.audits).toBeGreaterThanOrEqual(auto - 1);
    expect(result.finalized + result.audits).toBeLessThanOrEqual(auto);
    expect(result.finalized).toBeGreaterThan(0);
    const rows = await database().many(
      row({ id: col.text, status: col.text, decidedBy: col.text.nullable(), triageRoute: col.text, triageAudit: col.bool, triageVersion: col.int }),
      sql`SELECT "id", "status", "decidedBy", "triageRoute", "triageAudit", "triageVersion" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "triageRoute" IS NOT NULL`,
    );
    expect(rows.some((r) => r.id === leased)).toBe(false);
    for (const r of rows) {
      expect(r.triageVersion).toBe(2);
      if (r.decidedBy === "rules") expect(r.status).toBe(r.triageRoute === "auto_accept" ? "accepted" : "rejected");
      else expect(r.status).toBe("pending");
    }
    expect(rows.filter((r) => r.triageAudit)).toHaveLength(result.audits);
    // the audit sample is the deterministic draw: the first 32 bits of sha256("project:version:artifact") under the rate
    const { triageAuditRate } = await database().one(row({ triageAuditRate: col.num }), sql`SELECT "triageAuditRate" FROM "Project" WHERE "id" = ${projectId}`);
    const drawn = (id: string) => createHash("sha256").update(`${projectId}:2:${id}`).digest().readUInt32BE(0) / 2 ** 32 < triageAuditRate;
    for (const r of rows) expect(r.triageAudit).toBe(drawn(r.id));

    // a second run decides nothing new (audits wait for people); triage's own decisions are not labels
    const again = await applyTriage(projectId, TEST_ACTOR);
    expect(again).toMatchObject({ finalized: 0, audits: 0 });
    expect(again.routed.human).toBe(result.routed.human);
    expect((await calibrate(projectId)).keys.reduce((n, k) => n + k.labels.accepted + k.labels.rejected, 0)).toBe(labelsBefore);

    // people check an audited auto-accept and reject it: an overturned decision
    const outcome = await triageOutcome(projectId);
    expect(outcome.finalizedByRules.accepted + outcome.finalizedByRules.rejected).toBe(result.finalized);
    const audited = rows.find((r) => r.triageAudit && r.triageRoute === "auto_accept");
    expect(audited).toBeDefined(); // the draw is seeded by artifact and version: this batch has audited auto-accepts
    if (audited) {
      await update("ArtifactState", { projectId, artifactId: audited.id }, { status: "rejected", decidedBy: "annotators", finalDecision: "reject", finalizedAt: new Date() });
      expect((await triageOutcome(projectId)).audits).toMatchObject({ checked: 1, overturned: 1, open: result.audits - 1 });
    }
  });

  it("queues what triage leaves to people most uncertain first and its audits last, and routes new imports at once", async () => {
    const { applyTriage } = await import("@/lib/server/qc/apply-triage");
    const { claimNextArtifact } = await import("@/lib/server/review/claim-next-artifact");
    const { humanQueueRank, QUEUE_RANK } = await import("@/lib/domain/qc/queue-rank");
    const { unpackScores } = await import("@/lib/domain/qc/packed-scores");
    const projectId = await labeledProject();
    await calibrateAndSave(projectId, 0.9);
    const result = await applyTriage(projectId, TEST_ACTOR);
    expect(result.ranked).toBe(result.routed.human);

    const Open = row({
      id: col.text,
      kind: col.text as unknown as import("zod").ZodType<"persona", string>,
      flavor: col.text.nullable(),
      scoresPacked: col.int.nullable(),
      flags: col.int,
      queueRank: col.int,
      triageAudit: col.bool,
    });
    const open = () =>
      database().many(
        Open,
        sql`SELECT "id", "kind", "flavor", "scoresPacked", "flags", "queueRank", "triageAudit" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'pending' AND NOT "isGold"`,
      );
    const { rules } = await currentRuleSet(projectId);
    expect(new Set((await open()).map((a) => a.queueRank)).size).toBeGreaterThan(2); // several levels of uncertainty, and audits
    for (const a of await open()) {
      if (a.triageAudit) expect(a.queueRank).toBe(QUEUE_RANK.audit);
      else expect(a.queueRank).toBe(humanQueueRank(rules, { ...a, scores: a.scoresPacked === null ? null : unpackScores(a.scoresPacked) }));
    }
    // an annotator's claims follow the ranks: every claim is of the lowest rank still open to them
    const annotator = await makeAccount();
    let last = -1;
    for (let i = 0; i < 25; i++) {
      const claim = await claimNextArtifact(projectId, annotator.id, { random: () => 1 });
      expect(claim).not.toBeNull();
      const rank = await count(sql`SELECT "queueRank" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "id" = ${claim!.artifactId}`);
      const lowestLeft = await count(
        sql`SELECT MIN("queueRank") FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'pending' AND NOT "isGold" AND "id" NOT IN (SELECT "artifactId" FROM "Lease" WHERE "projectId" = ${projectId})`,
      );
      expect(rank).toBeGreaterThanOrEqual(last);
      expect(rank).toBeLessThanOrEqual(lowestLeft);
      last = rank;
      await update("Lease", { id: claim!.leaseId }, { releasedAt: new Date(), outcome: "skip" });
    }
    expect(last).toBeLessThan(QUEUE_RANK.audit);

    // a new batch lands in a calibrated project: its artifacts are routed by the same rules at once
    const renamed = jsonl([...generateDemoBatch({ users: 20, seed: "calibration-2" })])
      .replace(/"a-/g, '"n-')
      .replace(/"(twitter|reddit|blogger|amazon):/g, '"$1:n');
    const imported = await importText(projectId, renamed);
    expect(imported.ok).toBe(true);
    expect(imported.triage).toBeDefined();
    const t = imported.triage!;
    expect(t.routed.auto_accept + t.routed.auto_reject + t.routed.human).toBe(imported.summary.artifacts);
    expect(t.finalized + t.audits + t.ranked).toBe(imported.summary.artifacts);
    const fresh = await database().many(
      row({ status: col.text, decidedBy: col.text.nullable(), queueRank: col.int, triageVersion: col.int }),
      sql`SELECT "status", "decidedBy", "queueRank", "triageVersion" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${projectId} AND "id" LIKE 'n-%'`,
    );
    expect(fresh).toHaveLength(imported.summary.artifacts);
    for (const a of fresh) {
      expect(a.triageVersion).toBe(2);
      if (a.decidedBy === "rules") expect(["accepted", "rejected"]).toContain(a.status);
      else expect(a.queueRank).toBeGreaterThanOrEqual(QUEUE_RANK.human);
    }
    expect(fresh.filter((a) => a.decidedBy === "rules")).toHaveLength(t.finalized);
  });

  it("runs triage from the app as a job of its own: refused until calibrated or while one runs, with its result recorded", async () => {
    const { performTriageRun, requestTriage, latestTriageRun } = await import("@/lib/server/qc/triage-runs");
    const projectId = await labeledProject();
    await expect(requestTriage(projectId, TEST_ACTOR)).rejects.toThrow(/no reject thresholds/);
    expect(await latestTriageRun(projectId)).toBeNull();
    await calibrateAndSave(projectId, 0.9);

    const runId = await requestTriage(projectId, TEST_ACTOR);
    expect(await latestTriageRun(projectId)).toMatchObject({ id: runId, status: "running", progress: 0, result: null, stalled: false });
    await expect(requestTriage(projectId, TEST_ACTOR)).rejects.toThrow(/already running/);
    const done = await performTriageRun(runId);
    expect(done).toMatchObject({ id: runId, status: "succeeded", progress: 1, error: null });
    expect(done.result!.ruleSetVersion).toBe(2);
    expect(done.result!.finalized).toBeGreaterThan(0);
    await expect(performTriageRun(runId)).rejects.toThrow(/already succeeded/);

    // a runner that died long ago does not block the next one
    const next = await requestTriage(projectId, TEST_ACTOR);
    await update("TriageRun", { id: next }, { updatedAt: new Date(Date.now() - 3_600_000) });
    expect(await latestTriageRun(projectId)).toMatchObject({ id: next, stalled: true });
    const again = await performTriageRun(await requestTriage(projectId, TEST_ACTOR));
    expect(again.result).toMatchObject({ finalized: 0, audits: 0 }); // everything sure was decided by the first run
  });
});
