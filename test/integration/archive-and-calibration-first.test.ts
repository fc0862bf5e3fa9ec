import { describe, expect, it } from "vitest";
import { archiveProject } from "@/lib/server/projects/archive-project";
import { assertProjectAccess } from "@/lib/server/projects/assert-project-access";
import { listProjects } from "@/lib/server/projects/list-projects";
import { keysLackingLabels, labelNeeds } from "@/lib/server/qc/calibration-needs";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { nextReviewStep } from "@/lib/server/review/review-step";
import { update } from "../helpers/db";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

async function project() {
  const p = await makeProject();
  await update("Project", { id: p.id }, { goldRate: 0, overlap: 1 });
  const qa = tinyBatch();
  const persona = tinyBatch();
  // ids that put the persona first in plain queue order (one import: same time, then by id)
  const qaArtifact = { ...qa.artifact, id: `b-${qa.artifactId}` };
  const personaArtifact = {
    ...persona.artifact,
    id: `a-${persona.artifactId}`,
    kind: "persona",
    flavor: undefined,
    content: { text: "PersonA runs trails at dawn, fixes bikes, and worries about a knee that flares up after long runs." },
    judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 8, conciseness: 9, relevance: 9, overall: 8 } },
  };
  const imported = await importText(p.id, jsonl([persona.user, persona.post, personaArtifact, qa.user, qa.post, qaArtifact]));
  expect(imported.errors).toEqual([]);
  return { projectId: p.id, qa: qaArtifact.id, persona: personaArtifact.id };
}

describe("archiving a project", () => {
  it("takes it out of the lists and the queue, keeps its data, and restores it", async () => {
    const { projectId } = await project();
    const lead = await makeAccount("lead");
    const admin = { ...(await makeAccount("admin")), role: "admin" as const };
    const actor = { actorId: lead.id, actorLabel: lead.email };
    await archiveProject({ projectId, archive: "archive" }, actor);
    await expect(archiveProject({ projectId, archive: "archive" }, actor)).rejects.toThrow(/archived already/);
    expect((await listProjects(admin as never)).map((p) => p.id)).not.toContain(projectId);
    expect((await listProjects(admin as never, { archived: true })).map((p) => p.id)).toContain(projectId);
    const settings = await assertProjectAccess(admin, projectId);
    await expect(nextReviewStep(admin as never, settings)).rejects.toThrow(/is archived: it has no queue/);
    // the claim itself refuses too, whatever calls it
    await expect(claimNextArtifact(projectId, admin.id)).rejects.toThrow(/does not exist/);

    await archiveProject({ projectId, archive: "restore" }, actor);
    expect((await listProjects(admin as never)).map((p) => p.id)).toContain(projectId);
    expect(await claimNextArtifact(projectId, admin.id)).not.toBeNull();
  });
});

describe("calibration first", () => {
  it("knows which judged kinds lack labels, and the claim hands those out first", async () => {
    const { projectId, qa, persona } = await project();
    const needs = await labelNeeds(projectId);
    expect(needs.find((n) => n.key === "social_qa:why")).toEqual({ key: "social_qa:why", labels: 0, needed: 30 });
    expect(needs.map((n) => n.key)).not.toContain("writing_style"); // not judged: calibration has nothing to learn
    expect(await keysLackingLabels(projectId)).toContain("persona");

    const [a, b] = [await makeAccount(), await makeAccount()];
    expect((await claimNextArtifact(projectId, a.id))!.artifactId).toBe(persona);
    expect((await claimNextArtifact(projectId, b.id, { first: ["social_qa:why"] }))!.artifactId).toBe(qa);
  });
});
