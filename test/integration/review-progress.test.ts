import { describe, expect, it } from "vitest";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { LEFT_CAP, reviewProgress } from "@/lib/server/review/review-progress";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { undoLastVerdict } from "@/lib/server/review/undo-verdict";
import { update } from "../helpers/db";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

async function project(n: number) {
  const p = await makeProject();
  await update("Project", { id: p.id }, { goldRate: 0, overlap: 1 });
  const batches = Array.from({ length: n }, () => tinyBatch());
  return { projectId: p.id, batches, lines: batches.flatMap((b): object[] => [b.user, b.post, b.artifact]) };
}

describe("reviewProgress", () => {
  it("counts what the annotator did today and in all, as verdicts arrive, are taken back and are imported, and what is left for them", async () => {
    const { projectId, batches, lines } = await project(4);
    const a = await makeAccount("annotator");
    const colleague = await makeAccount("annotator");
    // a colleague's verdict from last month, imported: it counts for them, in all but not today
    lines.push({ type: "verdict", artifact_id: batches[3].artifactId, annotator: colleague.email, decision: "reject", reasons: ["generic"], created_at: "2026-10-01T10:00:00Z" });
    expect((await importText(projectId, jsonl(lines))).ok).toBe(true);

    const hourAgo = new Date(Date.now() - 3_600_000);
    expect(await reviewProgress(projectId, a.id, 1, hourAgo, null, { total: true })).toMatchObject({ today: 0, total: 0, left: 3, leftMore: false });
    expect(await reviewProgress(projectId, colleague.id, 1, hourAgo, null, { total: true, breakdown: true })).toMatchObject({ today: 0, total: 1, rejected: 1 });

    const actor = { actorId: a.id, actorLabel: a.email };
    for (const decision of ["accept", "accept"] as const) {
      const claim = (await claimNextArtifact(projectId, a.id))!;
      await submitVerdict(projectId, actor, { artifactId: claim.artifactId, decision });
    }
    expect(await reviewProgress(projectId, a.id, 1, hourAgo, null, { total: true, breakdown: true })).toMatchObject({ today: 2, total: 2, accepted: 2, left: 1 });
    // "today" starts at the reader's midnight: a day that starts after the verdicts has none yet
    expect(await reviewProgress(projectId, a.id, 1, new Date(Date.now() + 60_000), null, { total: true })).toMatchObject({ today: 0, total: 2 });

    // the undone verdict no longer counts, and its artifact, held again, is left for them
    const { artifactId } = await undoLastVerdict(projectId, actor);
    expect(await reviewProgress(projectId, a.id, 1, hourAgo, artifactId, { total: true, breakdown: true })).toMatchObject({ today: 1, total: 1, accepted: 1, left: 2 });
    // on a step with an artifact, the breakdown is left out: it is shown only on the empty queue
    expect(await reviewProgress(projectId, a.id, 1, hourAgo, artifactId)).toMatchObject({ today: 1, total: null, accepted: null });
  });

  it(`stops counting what is left past ${LEFT_CAP} and says there is more`, async () => {
    const { projectId, lines } = await project(LEFT_CAP + 2);
    expect((await importText(projectId, jsonl(lines))).ok).toBe(true);
    const a = await makeAccount("annotator");
    expect(await reviewProgress(projectId, a.id, 1, new Date(), null)).toMatchObject({ left: LEFT_CAP, leftMore: true });
  });
});
