import { describe, expect, it } from "vitest";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { disputedArtifacts, liveVerdictsOf } from "@/lib/server/adjudication/adjudication-queue";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { undoLastVerdict } from "@/lib/server/review/undo-verdict";
import { artifactState, auditEvent, count, sql, update } from "../helpers/db";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

async function disputedProject() {
  const project = await makeProject();
  const [a, b, c, lead] = [await makeAccount(), await makeAccount(), await makeAccount(), await makeAccount("lead")];
  await update("Project", { id: project.id }, { overlap: 3 });
  const mild = tinyBatch();
  const split = tinyBatch();
  const edited = { ...split.artifact.content, answer: "Because PersonA's knee hurts after 20k." };
  const v = (artifactId: string, who: { email: string }, decision: string, extra: object = {}) => ({
    type: "verdict",
    artifact_id: artifactId,
    annotator: who.email,
    decision,
    created_at: "2026-11-20T10:00:00Z",
    ...extra,
  });
  const result = await importText(
    project.id,
    jsonl([
      mild.user,
      mild.post,
      mild.artifact,
      split.user,
      split.post,
      split.artifact,
      v(mild.artifactId, a, "accept"),
      v(mild.artifactId, b, "accept"),
      v(mild.artifactId, c, "reject", { reasons: ["generic"] }),
      v(split.artifactId, a, "accept"),
      v(split.artifactId, b, "edit", { reasons: ["other"], content: edited }),
      v(split.artifactId, c, "reject", { reasons: ["hallucination"] }),
    ]),
  );
  expect(result.ok).toBe(true);
  return { projectId: project.id, mild, split, edited, lead: { actorId: lead.id, actorLabel: lead.email } };
}

describe("adjudication", () => {
  it("lists disputed artifacts with the widest and most even split first, with every live verdict", async () => {
    const { projectId, mild, split } = await disputedProject();
    const { rows, total } = await disputedArtifacts(projectId);
    expect(total).toBe(2);
    expect(rows.map((r) => r.id)).toEqual([split.artifactId, mild.artifactId]);
    expect(rows.map((r) => r.label)).toEqual(["accept vs reject · 3 verdicts", "accept vs reject · 3 verdicts"]);
    expect(rows[0]).toMatchObject({ accepts: 1, edits: 1, rejects: 1 });
    const verdicts = await liveVerdictsOf(projectId, split.artifactId);
    expect(verdicts.map((v) => v.decision).sort()).toEqual(["accept", "edit", "reject"]);
    expect(verdicts.find((v) => v.decision === "edit")!.content).toMatchObject({ answer: "Because PersonA's knee hurts after 20k." });
  });

  it("puts a case whose judge sides against the people's majority first, and says so", async () => {
    const project = await makeProject();
    const [a, b, c] = [await makeAccount(), await makeAccount(), await makeAccount()];
    await update("Project", { id: project.id }, { overlap: 3 });
    const kept = tinyBatch();
    const rejected = tinyBatch(); // the judge passes it, two of three people reject it
    const v = (artifactId: string, who: { email: string }, decision: string) => ({
      type: "verdict",
      artifact_id: artifactId,
      annotator: who.email,
      decision,
      created_at: "2026-11-20T10:00:00Z",
      ...(decision === "reject" ? { reasons: ["generic"] } : {}),
    });
    const lines = [kept.user, kept.post, kept.artifact, rejected.user, rejected.post, rejected.artifact];
    const verdicts = [
      v(kept.artifactId, a, "accept"),
      v(kept.artifactId, b, "accept"),
      v(kept.artifactId, c, "reject"),
      v(rejected.artifactId, a, "accept"),
      v(rejected.artifactId, b, "reject"),
      v(rejected.artifactId, c, "reject"),
    ];
    expect((await importText(project.id, jsonl([...lines, ...verdicts]))).ok).toBe(true);
    const { rows } = await disputedArtifacts(project.id);
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      [rejected.artifactId, "accept vs reject · judge passes it against the majority · 3 verdicts"],
      [kept.artifactId, "accept vs reject · 3 verdicts"],
    ]);
  });

  it("makes the artifact final with the chosen content and audits the decision", async () => {
    const { projectId, split, edited, lead } = await disputedProject();
    expect(await adjudicate(projectId, lead, { artifactId: split.artifactId, decision: "edit", content: edited, note: "the edit fixes the answer" })).toMatchObject({ status: "accepted" });
    const artifact = await artifactState(projectId, split.artifactId);
    expect(artifact).toMatchObject({ status: "accepted", finalDecision: "edit" });
    expect(JSON.parse(artifact.finalContentJson!).answer).toBe(edited.answer);
    const audit = await auditEvent({ projectId, action: "adjudication.created" });
    expect(audit.after).toMatchObject({ decision: "edit", note: "the edit fixes the answer", status: "accepted" });
    expect((await disputedArtifacts(projectId)).total).toBe(1);
  });

  it("requires reasons to reject, refuses artifacts that are not disputed, and stays final when verdicts are re-imported", async () => {
    const { projectId, mild, lead } = await disputedProject();
    await expect(adjudicate(projectId, lead, { artifactId: mild.artifactId, decision: "reject" })).rejects.toThrow("Choose at least one reason");
    await adjudicate(projectId, lead, { artifactId: mild.artifactId, decision: "reject", reasons: ["generic"], note: "too vague" });
    await expect(adjudicate(projectId, lead, { artifactId: mild.artifactId, decision: "accept" })).rejects.toThrow("not disputed");
    const late = await makeAccount();
    await importText(projectId, jsonl([{ type: "verdict", artifact_id: mild.artifactId, annotator: late.email, decision: "accept", created_at: "2026-11-21T10:00:00Z" }]));
    expect((await artifactState(projectId, mild.artifactId)).status).toBe("rejected");
  });

  it("is final: an annotator's undo after the lead's decision is refused and changes nothing", async () => {
    const project = await makeProject();
    const [a, b, lead] = [await makeAccount(), await makeAccount(), await makeAccount("lead")];
    const t = tinyBatch();
    expect((await importText(project.id, jsonl([t.user, t.post, t.artifact]))).ok).toBe(true);
    const as = (x: { id: number; email: string }) => ({ actorId: x.id, actorLabel: x.email });
    for (const [who, decision] of [
      [a, "accept"],
      [b, "reject"],
    ] as const) {
      expect((await claimNextArtifact(project.id, who.id, { random: () => 1 }))?.artifactId).toBe(t.artifactId);
      await submitVerdict(project.id, as(who), { artifactId: t.artifactId, decision, reasons: decision === "reject" ? ["hallucination"] : [] });
    }
    await adjudicate(project.id, as(lead), { artifactId: t.artifactId, decision: "accept", note: "supported by the post" });
    const before = await artifactState(project.id, t.artifactId);
    expect(before).toMatchObject({ status: "accepted", decidedBy: "lead", finalDecision: "accept" });
    await expect(undoLastVerdict(project.id, as(b))).rejects.toThrow("the decision is final");
    const after = await artifactState(project.id, t.artifactId);
    expect(after).toEqual(before);
    expect(await count(sql`SELECT COUNT(*) FROM "VerdictEvent" WHERE "projectId" = ${project.id} AND "decision" = 'retract'`)).toBe(0);
  });
});
