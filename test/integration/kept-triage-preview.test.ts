import { describe, expect, it } from "vitest";
import { defaultRuleSet, type RuleSet } from "@/lib/domain/qc/rule-set";
import { countTriagePreview, keptTriagePreview } from "@/lib/server/qc/kept-triage-preview";
import { saveRuleSet } from "@/lib/server/qc/rule-sets";
import { triagePreview } from "@/lib/server/qc/triage-preview";
import { count, sql, update } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeProject, tinyBatch } from "../helpers/factories";

const queued = (projectId: number) => count(sql`SELECT COUNT(*) FROM pgboss.job WHERE "name" = 'workbench-preview' AND "data"->>'runId' = ${String(projectId)}`);
/** As if the last request for a count was made a minute ago. */
const aMinuteLater = (projectId: number) => update("TriagePreview", { projectId }, { requestedAt: new Date(Date.now() - 60_000) });

describe("the dashboard's triage preview", () => {
  it("is counted by a worker and kept, asked for again when the rules or the artifacts' states move, at most every 30 s", async () => {
    const { id: projectId } = await makeProject();
    const b = tinyBatch();
    const artifacts = [0, 1, 2, 3].map((i) => ({ ...b.artifact, id: `${b.artifactId}-${i}`, judge: { model: "j", scores: { ...b.artifact.judge.scores, leakage: i < 2 ? 2 : 9 } } }));
    expect((await importText(projectId, jsonl([b.user, b.post, ...artifacts]))).errors).toEqual([]);

    // rules that cannot decide anything need no count
    expect(await keptTriagePreview(projectId)).toMatchObject({ counting: false, countedAt: null, preview: { calibrated: false } });
    expect(await queued(projectId)).toBe(0);

    const rules: RuleSet = { ...defaultRuleSet(), reject: { "social_qa:why": { leakage: 5 } } };
    await saveRuleSet(projectId, { rules }, TEST_ACTOR);
    // nothing counted yet: a count is queued, once however often the page looks
    expect(await keptTriagePreview(projectId)).toMatchObject({ preview: null, counting: true, ruleSetVersion: 2 });
    expect(await keptTriagePreview(projectId)).toMatchObject({ preview: null, counting: true });
    expect(await queued(projectId)).toBe(1);

    // the worker counts it: the page shows what counting on the spot gives
    await countTriagePreview(projectId, { url: process.env.DATABASE_URL });
    const kept = await keptTriagePreview(projectId);
    expect(kept).toMatchObject({ counting: false, ruleSetVersion: 2 });
    expect(kept.preview).toEqual(JSON.parse(JSON.stringify(await triagePreview(projectId))));
    expect(kept.preview!.open.auto_reject).toBe(2);
    expect(kept.countedAt).not.toBeNull();

    // an artifact decided meanwhile: the kept count is shown, and counted again, but not twice in 30 s
    await update("ArtifactState", { projectId, artifactId: artifacts[3].id }, { status: "accepted", decidedBy: "lead", finalDecision: "accept", finalizedAt: new Date() });
    expect(await keptTriagePreview(projectId)).toMatchObject({ counting: false, preview: kept.preview });
    await aMinuteLater(projectId);
    expect(await keptTriagePreview(projectId)).toMatchObject({ counting: true, preview: kept.preview });
    expect(await queued(projectId)).toBe(2);
    await countTriagePreview(projectId, { url: process.env.DATABASE_URL });
    expect((await keptTriagePreview(projectId)).preview!.reviewed.total).toBe(1);

    // a count that began before the kept one never overwrites it
    const later = new Date(Date.now() + 3_600_000);
    await update("TriagePreview", { projectId }, { computedAt: later });
    await countTriagePreview(projectId, { url: process.env.DATABASE_URL });
    expect(await count(sql`SELECT COUNT(*) FROM "TriagePreview" WHERE "projectId" = ${projectId} AND "computedAt" = ${later}`)).toBe(1);
    await update("TriagePreview", { projectId }, { computedAt: new Date() });

    // new rules: the count of the old ones is not shown for them, and a new one is asked for at once
    await saveRuleSet(projectId, { rules: { ...rules, reject: { "social_qa:why": { leakage: 3 } } } }, TEST_ACTOR);
    expect(await keptTriagePreview(projectId)).toMatchObject({ preview: null, counting: true, ruleSetVersion: 3 });
    expect(await queued(projectId)).toBe(3);
  });
});
