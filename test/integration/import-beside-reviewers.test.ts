import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importBatch } from "@/lib/server/import/import-batch";
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { count, sql, update } from "../helpers/db";
import { TEST_ACTOR, addMember, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const within = <T>(ms: number, work: Promise<T>, what: string) => Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited more than ${ms} ms`)), ms))]);

describe("an import beside reviewers", () => {
  it("lets annotators claim and submit in its project while its transaction is open, and commits after them", async () => {
    const project = await makeProject();
    await update("Project", { id: project.id }, { goldRate: 0 });
    const stored = tinyBatch();
    expect((await importText(project.id, jsonl([stored.user, stored.post, stored.artifact]))).ok).toBe(true);
    const annotator = await makeAccount("annotator");
    await addMember(project.id, annotator.id);

    // a file whose second half arrives only when the reviewer is done
    const incoming = Array.from({ length: 200 }, () => tinyBatch()).flatMap((b) => [b.user, b.post, b.artifact]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let halfway!: () => void;
    const started = new Promise<void>((r) => (halfway = r));
    async function* source() {
      yield Buffer.from(jsonl(incoming.slice(0, 300)));
      halfway();
      await gate;
      yield Buffer.from(jsonl(incoming.slice(300)));
    }
    const importing = importBatch({ projectId: project.id, source: Readable.from(source()), fileName: "slow.jsonl", actor: TEST_ACTOR });
    await started;

    const claim = await within(5000, claimNextArtifact(project.id, annotator.id), "the claim");
    expect(claim?.artifactId).toBe(stored.artifactId); // the import's artifacts are not visible yet
    await within(5000, submitVerdict(project.id, { actorId: annotator.id, actorLabel: annotator.email }, { artifactId: stored.artifactId, decision: "accept" }), "the verdict");
    expect(await count(sql`SELECT count(*) AS "n" FROM "Artifact" WHERE "projectId" = ${project.id}`)).toBe(1);

    release();
    const result = await importing;
    expect(result.summary).toMatchObject({ artifacts: 200, posts: 200, users: 200 });
    expect(await count(sql`SELECT count(*) AS "n" FROM "VerdictEvent" WHERE "projectId" = ${project.id}`)).toBe(1);
  });
});
