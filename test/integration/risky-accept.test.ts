import { describe, expect, it } from "vitest";
import { listItems } from "@/lib/server/items/list-items";
import { loadArtifactRecord } from "@/lib/server/items/load-artifact-record";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { itemsQuery } from "@/lib/validation/items-query";
import { auditEvent, count, sql, update } from "../helpers/db";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

describe("a risky accept", () => {
  it("is refused until the failed check is confirmed by name, then records the override, which the items table filters on", async () => {
    const project = await makeProject();
    await update("Project", { id: project.id }, { overlap: 1, goldRate: 0 });
    const [a] = [await makeAccount()];
    const t = tinyBatch();
    const leaky = { ...t.artifact, content: { ...t.artifact.content, answer: "Write to maria.lopez77@example.com about the knee." } };
    expect((await importText(project.id, jsonl([t.user, t.post, leaky]))).ok).toBe(true);
    const actor = { actorId: a.id, actorLabel: a.email };
    expect((await claimNextArtifact(project.id, a.id))?.artifactId).toBe(t.artifactId);

    await expect(submitVerdict(project.id, actor, { artifactId: t.artifactId, decision: "accept" })).rejects.toThrow("failed the check for personal data");
    expect(await count(sql`SELECT COUNT(*) FROM "VerdictEvent" WHERE "projectId" = ${project.id}`)).toBe(0);

    await submitVerdict(project.id, actor, { artifactId: t.artifactId, decision: "accept", overrides: ["pii"] });
    expect((await loadArtifactRecord(project.id, t.artifactId)).history[0].overrode).toEqual(["pii"]);
    const listed = await listItems(project.id, itemsQuery.parse({ overrides: "yes" }));
    expect(listed.rows.map((r) => r.id)).toEqual([t.artifactId]);
    expect((await listItems(project.id, itemsQuery.parse({ overrides: "yes", status: "pending" }))).rows).toEqual([]);
    const audit = await auditEvent({ projectId: project.id, action: "verdict.created" });
    expect(audit.after).toMatchObject({ overrode: ["pii"] });
  });

  it("needs no confirmation for an artifact that passed its checks, nor for a reject", async () => {
    const project = await makeProject();
    await update("Project", { id: project.id }, { overlap: 1, goldRate: 0 });
    const a = await makeAccount();
    const actor = { actorId: a.id, actorLabel: a.email };
    const clean = tinyBatch();
    expect((await importText(project.id, jsonl([clean.user, clean.post, clean.artifact]))).ok).toBe(true);
    expect((await claimNextArtifact(project.id, a.id))!.artifactId).toBe(clean.artifactId);
    expect((await submitVerdict(project.id, actor, { artifactId: clean.artifactId, decision: "accept" })).state).toMatchObject({ status: "accepted", overrideFlags: 0 });
    const t = tinyBatch();
    const leaky = { ...t.artifact, content: { ...t.artifact.content, answer: "Call 555-123-4567 for PersonA." } };
    expect((await importText(project.id, jsonl([t.user, t.post, leaky]))).ok).toBe(true);
    expect((await claimNextArtifact(project.id, a.id))!.artifactId).toBe(t.artifactId);
    expect((await submitVerdict(project.id, actor, { artifactId: t.artifactId, decision: "reject", reasons: ["pii"] })).state).toMatchObject({ status: "rejected", overrideFlags: 0 });
  });
});
