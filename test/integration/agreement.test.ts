import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { agreementFreshness, agreementSnapshots, refreshAgreement } from "@/lib/server/agreement/agreement-snapshots";
import { computeAgreement } from "@/lib/server/agreement/compute-agreement";
import { listDisagreements } from "@/lib/server/agreement/disagreements";
import { importText, jsonl, makeAccount, makeProject, TEST_ACTOR, tinyBatch } from "../helpers/factories";
import { withDb } from "../helpers/with-db";

async function ratedProject() {
  const project = await makeProject();
  const [a, b, c] = [await makeAccount(), await makeAccount(), await makeAccount()];
  const items = [tinyBatch(), tinyBatch(), tinyBatch(), tinyBatch()];
  const v = (i: number, who: { email: string }, decision: string, at = "2026-11-20T10:00:00Z", extra: object = {}) => ({
    type: "verdict", artifact_id: items[i].artifactId, annotator: who.email, decision, created_at: at, ...(decision === "reject" ? { reasons: ["generic"] } : {}), ...extra,
  });
  const edited = { ...items[2].artifact.content, answer: "Because the knee hurts after 20k." };
  const result = await importText(project.id, jsonl([
    ...items.flatMap((t) => [t.user, t.post, t.artifact]),
    v(0, a, "accept"), v(0, b, "accept"),
    v(1, a, "accept"), v(1, b, "reject"), v(1, a, "reject", "2026-11-21T10:00:00Z"), // a changed their mind: the later verdict is live
    v(2, a, "edit", "2026-11-20T10:00:00Z", { content: edited }), v(2, c, "accept"),
    v(3, c, "reject"), // a single verdict: nothing to agree with
  ]));
  expect(result.ok).toBe(true);
  return { projectId: project.id, a, b, c, items };
}

describe("agreement of a project", () => {
  it("compares the live verdicts in the project's label mode, per slice, per pair, per annotator", async () => {
    const { projectId, a, b, c } = await ratedProject();
    const { result, verdictCursor } = withDb((db) => computeAgreement(db, projectId, { resamples: 100 }));
    expect(verdictCursor).toBeGreaterThan(0);
    expect(result).toMatchObject({ labelMode: "three_class", verdicts: 7, items: 4, pairableItems: 3 });
    // accept/accept, reject/reject, edit/accept
    expect(result.overall.percentAgreement).toMatchObject({ value: 2 / 3, items: 3, ratings: 6 });
    expect(result.overall.cohenKappa).toBeNull(); // three annotators
    expect(result.overall.categories).toEqual(["accept", "edit", "reject"]);
    expect(result.slices.kind.map((s) => s.key)).toEqual(["social_qa"]);
    expect(result.slices.platform.map((s) => s.key)).toEqual(["reddit"]);
    expect(result.slices.flavor.map((s) => s.key)).toEqual(["why"]);
    expect(result.slices.week.map((s) => [s.key, s.report.items])).toEqual([["2026-11-16", 3]]);
    const emails = result.annotators.map((x) => x.email);
    const pair = (x: string, y: string) => result.pairs.find((p) => [emails[p.first], emails[p.second]].sort().join() === [x, y].sort().join());
    expect(pair(a.email, b.email)).toMatchObject({ items: 2, agreement: 1, kappa: 1 });
    expect(pair(a.email, c.email)).toMatchObject({ items: 1, agreement: 0 });
    // accept-edit met once on one item, accept-accept once, reject-reject once
    expect(result.labelPairs).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const quality = Object.fromEntries(result.quality.map((q) => [q.email, q]));
    expect(quality[a.email]).toMatchObject({ verdicts: 3, rejects: 1, activeDays: 2 });
    expect(quality[c.email]).toMatchObject({ verdicts: 2, rejects: 1 });
    // items 0-2 are final: accepted, rejected, accepted with a's edit (which c's accept is not, in three classes)
    expect(quality[a.email]).toMatchObject({ final: 3, finalAgree: 3 });
    expect(quality[b.email]).toMatchObject({ final: 2, finalAgree: 2 });
    expect(quality[c.email]).toMatchObject({ final: 1, finalAgree: 0 });

    await prisma.project.update({ where: { id: projectId }, data: { labelMode: "binary" } });
    const binary = withDb((db) => computeAgreement(db, projectId, { resamples: 100 })).result;
    expect(binary.overall.categories).toEqual(["accept", "reject"]);
    expect(binary.overall.percentAgreement!.value).toBe(1);
    expect(binary.overall.krippendorffAlpha!.value).toBe(1);
  });

  it("keeps a snapshot until verdicts, adjudications or the label mode move on", async () => {
    const { projectId, a, items } = await ratedProject();
    expect(agreementSnapshots(projectId)).toEqual({ ready: null, latest: null });
    expect(withDb((db) => agreementFreshness(projectId, null, db)).stale).toBe(true);
    const id = withDb((db) => refreshAgreement(projectId, TEST_ACTOR, db)); // small: computed at once
    const { ready, latest } = agreementSnapshots(projectId);
    expect(ready).toMatchObject({ id, status: "succeeded", progress: 1, labelMode: "three_class" });
    expect(latest).toBeNull();
    expect(ready!.result!.pairableItems).toBe(3);
    expect(withDb((db) => agreementFreshness(projectId, ready, db))).toEqual({ newVerdicts: 0, newAdjudications: 0, labelModeChanged: false, stale: false });

    await importText(projectId, jsonl([{ type: "verdict", artifact_id: items[3].artifactId, annotator: a.email, decision: "accept", created_at: "2026-11-22T10:00:00Z" }]));
    expect(withDb((db) => agreementFreshness(projectId, ready, db))).toMatchObject({ newVerdicts: 1, stale: true });
    await prisma.project.update({ where: { id: projectId }, data: { labelMode: "binary" } });
    expect(withDb((db) => agreementFreshness(projectId, ready, db))).toMatchObject({ labelModeChanged: true, stale: true });
    withDb((db) => refreshAgreement(projectId, TEST_ACTOR, db));
    expect(agreementSnapshots(projectId).ready!.result).toMatchObject({ labelMode: "binary", pairableItems: 4 });
  });

  it("lists the disputed and the overturned artifacts, for everyone or where one annotator differs", async () => {
    const { projectId, a, c, items } = await ratedProject();
    const ids = (q: Parameters<typeof listDisagreements>[1]) => listDisagreements(projectId, q).rows.map((r) => r.id);
    // item 2: a edited, c accepted (three classes: they differ); the edit shipped, so c's accept was overturned
    expect(ids({ show: "disputed" })).toEqual([items[2].artifactId]);
    expect(ids({ show: "overturned" })).toEqual([items[2].artifactId]);
    expect(ids({ show: "overturned", annotator: c.id })).toEqual([items[2].artifactId]);
    expect(ids({ show: "overturned", annotator: a.id })).toEqual([]);
    expect(ids({ show: "disputed", kind: "persona" })).toEqual([]);
    const [row] = listDisagreements(projectId, { show: "overturned" }).rows;
    expect(row.verdicts.map((v) => [v.email, v.label, v.matchesFinal])).toEqual(expect.arrayContaining([[a.email, "edit", true], [c.email, "accept", false]]));
    await prisma.project.update({ where: { id: projectId }, data: { labelMode: "binary" } });
    expect(ids({ show: "overturned" })).toEqual([]); // edit and accept are one class now
  });
});
