import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importBatch } from "@/lib/server/import/import-batch";
import { loadArtifactRecord } from "@/lib/server/items/load-artifact-record";
import { auditEvent, rows, sql } from "../helpers/db";
import { TEST_ACTOR, addMember, countRows, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

/** importBatch itself: the factories' importText would make the annotators members first. */
const importRaw = (projectId: number, records: (object | string)[]) => importBatch({ projectId, source: Readable.from([Buffer.from(jsonl(records))]), fileName: "labels.jsonl", actor: TEST_ACTOR });

const verdict = (artifactId: string, who: { email: string }, extra: object = {}) => ({
  type: "verdict",
  artifact_id: artifactId,
  annotator: who.email,
  decision: "accept",
  created_at: "2026-11-20T10:00:00Z",
  ...extra,
});

describe("imported verdicts obey the review rules", () => {
  it("refuses a verdict of an account that is not an annotator of the project, as a bad line, writing nothing", async () => {
    const project = await makeProject();
    const [member, stranger] = [await makeAccount(), await makeAccount()];
    await addMember(project.id, member.id);
    const t = tinyBatch();
    const result = await importRaw(project.id, [t.user, t.post, t.artifact, verdict(t.artifactId, member), verdict(t.artifactId, stranger)]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([{ line: 5, reason: expect.stringContaining(`annotator "${stranger.email}" is not a member of project`) }]);
    expect(await countRows(project.id)).toMatchObject({ artifacts: 0, verdicts: 0 });
  });

  it("refuses a verdict that would give an artifact more distinct annotators than the overlap, in the file or with what is stored", async () => {
    const project = await makeProject();
    const [a, b, c] = [await makeAccount(), await makeAccount(), await makeAccount()];
    for (const x of [a, b, c]) await addMember(project.id, x.id);
    const t = tinyBatch();
    const inFile = await importRaw(project.id, [t.user, t.post, t.artifact, verdict(t.artifactId, a), verdict(t.artifactId, b), verdict(t.artifactId, c)]);
    expect(inFile.errors).toEqual([{ line: 6, reason: expect.stringContaining("already has verdicts of 2 annotators, the project's overlap") }]);
    expect((await importRaw(project.id, [t.user, t.post, t.artifact, verdict(t.artifactId, a), verdict(t.artifactId, b)])).ok).toBe(true);
    const later = await importRaw(project.id, [verdict(t.artifactId, c, { created_at: "2026-11-21T10:00:00Z" })]);
    expect(later.errors).toEqual([{ line: 1, reason: expect.stringContaining("one too many") }]);
    // the same annotator's revision is no new annotator
    expect((await importRaw(project.id, [verdict(t.artifactId, a, { created_at: "2026-11-22T10:00:00Z", decision: "reject", reasons: ["generic"] })])).ok).toBe(true);
    expect((await countRows(project.id)).verdicts).toBe(3);
  });

  it("counts verdicts that come before their artifact in the file toward the overlap too", async () => {
    const project = await makeProject();
    const [a, b, c] = [await makeAccount(), await makeAccount(), await makeAccount()];
    for (const x of [a, b, c]) await addMember(project.id, x.id);
    const t = tinyBatch();
    const later = { created_at: "2026-11-21T10:00:00Z" };
    const lines = [t.user, t.post, verdict(t.artifactId, a), verdict(t.artifactId, b), t.artifact, verdict(t.artifactId, a, later), verdict(t.artifactId, c, later)];
    const result = await importRaw(project.id, lines);
    expect(result.errors).toEqual([{ line: 7, reason: expect.stringContaining("one too many") }]);
    expect((await importRaw(project.id, lines.slice(0, 6))).ok).toBe(true);
    expect((await countRows(project.id)).verdicts).toBe(3);
  });

  it("refuses a created_at in the future", async () => {
    const project = await makeProject();
    const a = await makeAccount();
    await addMember(project.id, a.id);
    const t = tinyBatch();
    const result = await importRaw(project.id, [t.user, t.post, t.artifact, verdict(t.artifactId, a, { created_at: new Date(Date.now() + 3_600_000).toISOString() })]);
    expect(result.errors).toEqual([{ line: 4, reason: expect.stringContaining("is in the future") }]);
  });

  it("keeps the batch and line as provenance, shown as imported in the artifact view and counted in the import's audit event", async () => {
    const project = await makeProject();
    const a = await makeAccount();
    await addMember(project.id, a.id);
    const t = tinyBatch();
    const result = await importRaw(project.id, [t.user, t.post, t.artifact, verdict(t.artifactId, a)]);
    expect(result.ok).toBe(true);
    const [stored] = await rows(sql`SELECT "source", "batchId", "line" FROM "VerdictEvent" WHERE "projectId" = ${project.id}`);
    expect({ source: stored.source, batchId: Number(stored.batchId), line: Number(stored.line) }).toEqual({ source: "import", batchId: result.batchId, line: 4 });
    expect((await loadArtifactRecord(project.id, t.artifactId)).history[0]).toMatchObject({ source: "import", batchId: result.batchId, line: 4 });
    const audit = await auditEvent({ action: "import.succeeded", entityId: String(result.batchId) });
    expect(audit.after).toMatchObject({ verdicts: 1 });
  });
});
