import { describe, expect, it } from "vitest";
import { db as database } from "@/lib/db/client";
import { agreementFreshness, agreementSnapshots, refreshAgreement } from "@/lib/server/agreement/agreement-snapshots";
import { computeAgreement } from "@/lib/server/agreement/compute-agreement";
import { listDisagreements } from "@/lib/server/agreement/disagreements";
import { importText, jsonl, makeAccount, makeProject, TEST_ACTOR, tinyBatch } from "../helpers/factories";
import { update } from "../helpers/db";

async function ratedProject() {
  const project = await makeProject();
  const [a, b, c] = [await makeAccount(), await makeAccount(), await makeAccount()];
  const items = [tinyBatch(), tinyBatch(), tinyBatch(), tinyBatch()];
  const v = (i: number, who: { email: string }, decision: string, at = "2026-11-20T10:00:00Z", extra: object = {}) => ({
    type: "verdict",
    artifact_id: items[i].artifactId,
    annotator: who.email,
    decision,
    created_at: at,
    ...(decision === "reject" ? { reasons: ["generic"] } : {}),
    ...extra,
  });
  const edited = { ...items[2].artifact.content, answer: "Because the knee hurts after 20k." };
  const result = await importText(
    project.id,
    jsonl([
      ...items.flatMap((t) => [t.user, t.post, t.artifact]),
      v(0, a, "accept"),
      v(0, b, "accept"),
      v(1, a, "accept"),
      v(1, b, "reject"),
      v(1, a, "reject", "2026-11-21T10:00:00Z"), // a changed their mind: the later verdict is live
      v(2, a, "edit", "2026-11-20T10:00:00Z", { content: edited }),
      v(2, c, "accept"),
      v(3, c, "reject"), // a single verdict: nothing to agree with
    ]),
  );
  expect(result.ok).toBe(true);
  return { projectId: project.id, a, b, c, items };
}

describe("agreement of a project", () => {
  it("compares the live verdicts in the project's label mode, per slice, per pair, per annotator", async () => {
    const { projectId, a, b, c } = await ratedProject();
    const { result, verdictCursor } = await computeAgreement(database(), projectId, { resamples: 100 });
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

    await update("Project", { id: projectId }, { labelMode: "binary" });
    const binary = (await computeAgreement(database(), projectId, { resamples: 100 })).result;
    expect(binary.overall.categories).toEqual(["accept", "reject"]);
    expect(binary.overall.percentAgreement!.value).toBe(1);
    expect(binary.overall.krippendorffAlpha!.value).toBe(1);
  });

  it("keeps a snapshot until verdicts, adjudications or the label mode move on", async () => {
    const { projectId, a, items } = await ratedProject();
    expect(await agreementSnapshots(projectId)).toEqual({ ready: null, latest: null });
    expect((await agreementFreshness(projectId, null)).stale).toBe(true);
    const id = await refreshAgreement(projectId, TEST_ACTOR); // small: computed at once
    const { ready, latest } = await agreementSnapshots(projectId);
    expect(ready).toMatchObject({ id, status: "succeeded", progress: 1, labelMode: "three_class" });
    expect(latest).toBeNull();
    expect(ready!.result!.pairableItems).toBe(3);
    expect(await agreementFreshness(projectId, ready)).toEqual({ newVerdicts: 0, newAdjudications: 0, labelModeChanged: false, stale: false });

    await importText(projectId, jsonl([{ type: "verdict", artifact_id: items[3].artifactId, annotator: a.email, decision: "accept", created_at: "2026-11-22T10:00:00Z" }]));
    expect(await agreementFreshness(projectId, ready)).toMatchObject({ newVerdicts: 1, stale: true });
    await update("Project", { id: projectId }, { labelMode: "binary" });
    expect(await agreementFreshness(projectId, ready)).toMatchObject({ labelModeChanged: true, stale: true });
    await refreshAgreement(projectId, TEST_ACTOR);
    expect((await agreementSnapshots(projectId)).ready!.result).toMatchObject({ labelMode: "binary", pairableItems: 4 });
  });

  it("lists the disputed and the overturned artifacts, for everyone or where one annotator differs", async () => {
    const { projectId, a, c, items } = await ratedProject();
    const ids = async (q: Parameters<typeof listDisagreements>[1]) => (await listDisagreements(projectId, q)).rows.map((r) => r.id);
    // item 2: a edited, c accepted (three classes: they differ); the edit shipped, so c's accept was overturned
    expect(await ids({ show: "disputed" })).toEqual([items[2].artifactId]);
    expect(await ids({ show: "overturned" })).toEqual([items[2].artifactId]);
    expect(await ids({ show: "overturned", annotator: c.id })).toEqual([items[2].artifactId]);
    expect(await ids({ show: "overturned", annotator: a.id })).toEqual([]);
    expect(await ids({ show: "disputed", kind: "persona" })).toEqual([]);
    const [row] = (await listDisagreements(projectId, { show: "overturned" })).rows;
    expect(row.verdicts.map((v) => [v.email, v.label, v.matchesFinal])).toEqual(
      expect.arrayContaining([
        [a.email, "edit", true],
        [c.email, "accept", false],
      ]),
    );
    await update("Project", { id: projectId }, { labelMode: "binary" });
    expect(await ids({ show: "overturned" })).toEqual([]); // edit and accept are one class now
  });
});
