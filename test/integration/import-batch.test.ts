import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importBatch } from "@/lib/server/import/import-batch";
import { artifactState, sql, texts } from "../helpers/db";
import { TEST_ACTOR, countRows, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const NOTHING = { users: 0, posts: 0, artifacts: 0, cites: 0, verdicts: 0 };

describe("importBatch: good files", () => {
  it("imports users, posts, artifacts and their citations, and counts them", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const result = await importText(project.id, jsonl([b.user, b.post, b.artifact]));
    expect(result.ok).toBe(true);
    expect(result.summary).toEqual({ users: 1, posts: 1, artifacts: 1, verdicts: 0, unchanged: 0, conflicts: 0 });
    expect(await countRows(project.id)).toEqual({ users: 1, posts: 1, artifacts: 1, cites: 1, verdicts: 0 });
  });

  it("resolves references to lines further down the file", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const result = await importText(project.id, jsonl([b.artifact, b.post, b.user]));
    expect(result.errors).toEqual([]);
    expect(result.summary.artifacts).toBe(1);
  });

  it("resolves references against what an earlier import stored", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    await importText(project.id, jsonl([b.user, b.post]));
    const result = await importText(project.id, jsonl([b.artifact]));
    expect(result.ok).toBe(true);
    expect(result.summary.artifacts).toBe(1);
  });

  it("counts a re-imported file as unchanged and writes nothing new", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const text = jsonl([b.user, b.post, b.artifact]);
    await importText(project.id, text);
    const again = await importText(project.id, text);
    expect(again.summary).toEqual({ users: 0, posts: 0, artifacts: 0, verdicts: 0, unchanged: 3, conflicts: 0 });
    expect(await countRows(project.id)).toEqual({ users: 1, posts: 1, artifacts: 1, cites: 1, verdicts: 0 });
  });

  it("treats the same content with keys in another order as unchanged", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    await importText(project.id, jsonl([b.user]));
    const reordered = `{"meta":{"bio":"runner"},"platform":"reddit","uid":"${b.uid}","type":"user"}`;
    expect((await importText(project.id, jsonl([reordered]))).summary.unchanged).toBe(1);
  });

  it("reports a known key with other content as a conflict and keeps the stored version", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    await importText(project.id, jsonl([b.user, b.post, b.artifact]));
    const changed = { ...b.artifact, content: { ...b.artifact.content, answer: "Because PersonA is bored." } };
    const result = await importText(project.id, jsonl([b.user, changed]));
    expect(result.ok).toBe(true);
    expect(result.summary).toMatchObject({ unchanged: 1, conflicts: 1, artifacts: 0 });
    expect(result.conflicts).toEqual([{ line: 2, reason: expect.stringContaining(`artifact "${b.artifactId}" is already stored with different content`) }]);
    const stored = (await artifactState(project.id, b.artifactId)).contentJson;
    expect(JSON.parse(stored).answer).toBe("Because the knee hurts.");
  });

  it("replays an upload with a known idempotency key without importing again", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const text = jsonl([b.user, b.post]);
    const first = await importText(project.id, text, { idempotencyKey: "k1" });
    const retry = await importText(project.id, text, { idempotencyKey: "k1" });
    expect(retry).toMatchObject({ ok: true, replayed: true, batchId: first.batchId, summary: first.summary });
  });
});

describe("importBatch: verdicts", () => {
  it("records verdicts of existing accounts and derives the review status", async () => {
    const project = await makeProject();
    const [ann1, ann2] = [await makeAccount(), await makeAccount()];
    const agree = tinyBatch();
    const split = tinyBatch();
    const verdict = (artifactId: string, annotator: string, decision: string, at: string) => ({
      type: "verdict",
      artifact_id: artifactId,
      annotator,
      decision,
      reasons: decision === "reject" ? ["hallucination"] : [],
      created_at: at,
    });
    const result = await importText(
      project.id,
      jsonl([
        agree.user,
        agree.post,
        agree.artifact,
        split.user,
        split.post,
        split.artifact,
        verdict(agree.artifactId, ann1.email, "accept", "2026-11-20T10:00:00Z"),
        verdict(agree.artifactId, ann2.email, "accept", "2026-11-20T10:05:00Z"),
        verdict(split.artifactId, ann1.email, "accept", "2026-11-20T10:00:00Z"),
        verdict(split.artifactId, ann2.email, "reject", "2026-11-20T10:06:00Z"),
      ]),
    );
    expect(result.summary.verdicts).toBe(4);
    const status = async (id: string) => (({ status, verdictCount }) => ({ status, verdictCount }))(await artifactState(project.id, id));
    expect(await status(agree.artifactId)).toEqual({ status: "accepted", verdictCount: 2 });
    expect(await status(split.artifactId)).toEqual({ status: "disputed", verdictCount: 2 });
  });

  it("derives the same review state wherever an artifact's verdicts stand: right after it, before it, further down, in a later import", async () => {
    const project = await makeProject();
    const [ann1, ann2] = [await makeAccount(), await makeAccount()];
    const [after, before, apart, later] = [tinyBatch(), tinyBatch(), tinyBatch(), tinyBatch()];
    const verdict = (artifactId: string, annotator: string, decision: string, at: string) => ({
      type: "verdict",
      artifact_id: artifactId,
      annotator,
      decision,
      reasons: decision === "reject" ? ["hallucination"] : [],
      created_at: at,
    });
    const result = await importText(
      project.id,
      jsonl([
        verdict(before.artifactId, ann1.email, "reject", "2026-11-20T10:00:00Z"),
        ...[after, before, apart, later].flatMap((t) => [t.user, t.post]),
        after.artifact,
        // the later verdict first in the file: the one given last counts, and the artifact's final time is its time
        verdict(after.artifactId, ann1.email, "reject", "2026-11-20T11:00:00Z"),
        verdict(after.artifactId, ann2.email, "accept", "2026-11-20T10:00:00Z"),
        verdict(after.artifactId, ann2.email, "reject", "2026-11-20T12:00:00Z"),
        verdict(after.artifactId, ann2.email, "reject", "2026-11-20T12:00:00Z"), // the same line twice: unchanged
        verdict(after.artifactId, ann2.email, "accept", "2026-11-20T12:00:00Z"), // the same key, another decision: a conflict
        before.artifact,
        verdict(before.artifactId, ann2.email, "reject", "2026-11-20T10:30:00Z"),
        apart.artifact,
        later.artifact,
        verdict(apart.artifactId, ann1.email, "accept", "2026-11-20T10:00:00Z"),
        verdict(later.artifactId, ann1.email, "accept", "2026-11-20T10:00:00Z"),
      ]),
    );
    expect(result).toMatchObject({ ok: true, summary: { artifacts: 4, verdicts: 7, unchanged: 1, conflicts: 1 } });
    expect((await importText(project.id, jsonl([verdict(later.artifactId, ann2.email, "accept", "2026-11-21T09:00:00Z")]))).ok).toBe(true);
    const state = async (id: string) =>
      (({ status, verdictCount, finalDecision, finalizedAt, decidedBy, disagreement }) => ({ status, verdictCount, finalDecision, finalizedAt, decidedBy, disagreement }))(
        await artifactState(project.id, id),
      );
    expect(await state(after.artifactId)).toEqual({ status: "rejected", verdictCount: 2, finalDecision: "reject", finalizedAt: "2026-11-20T12:00:00.000Z", decidedBy: "annotators", disagreement: 0 });
    expect(await state(before.artifactId)).toEqual({ status: "rejected", verdictCount: 2, finalDecision: "reject", finalizedAt: "2026-11-20T10:30:00.000Z", decidedBy: "annotators", disagreement: 0 });
    expect(await state(apart.artifactId)).toEqual({ status: "in_review", verdictCount: 1, finalDecision: null, finalizedAt: null, decidedBy: null, disagreement: 0 });
    expect(await state(later.artifactId)).toEqual({ status: "accepted", verdictCount: 2, finalDecision: "accept", finalizedAt: "2026-11-21T09:00:00.000Z", decidedBy: "annotators", disagreement: 0 });
  });
});

describe("importBatch: bad files write nothing", () => {
  const cases: [string, (b: ReturnType<typeof tinyBatch>) => (object | string)[], RegExp][] = [
    ["invalid JSON", (b) => [b.user, '{"type":"post", oops}'], /^invalid JSON/],
    ["a missing required field", (b) => [b.user, { ...b.post, text: undefined }], /missing required field "text"/],
    ["a field of the wrong type", (b) => [b.user, { ...b.post, text: 42 }], /field "text" must be a string, got number/],
    ["an unknown type", (b) => [b.user, { type: "comment", id: "x" }], /unknown type \(expected user, post, artifact, verdict\)/],
    ["an unknown kind", (b) => [b.user, b.post, { ...b.artifact, kind: "novel" }], /unknown kind \(expected one of /],
    ["an unknown platform", (b) => [{ ...b.user, platform: "myspace" }], /unknown value for "platform" \(expected one of /],
    ["a post kind foreign to its platform", (b) => [b.user, { ...b.post, kind: "tweet" }], /post kind "tweet" does not occur on reddit/],
    [
      "a review without its rating",
      (b) => [
        { ...b.user, platform: "amazon" },
        { ...b.post, platform: "amazon", kind: "review", meta: { item_title: "Shoes" } },
      ],
      /meta.rating/,
    ],
    ["a social_qa without a flavor", (b) => [b.user, b.post, { ...b.artifact, flavor: undefined }], /social_qa needs a flavor/],
    ["content of the wrong shape", (b) => [b.user, b.post, { ...b.artifact, content: { text: "x" } }], /missing required field "content.scenario"/],
    ["a judge score that is no whole number", (b) => [b.user, b.post, { ...b.artifact, judge: { scores: { overall: 7.5 } } }], /judge.scores.overall" must be a whole number/],
    ["a judge score past the database's integer", (b) => [b.user, b.post, { ...b.artifact, judge: { scores: { overall: 2 ** 31 } } }], /judge.scores.overall" must be a whole number from/],
    ["a post of a missing user", (b) => [b.post], /refers to user "reddit:.*", which is neither in this file nor in project/],
    ["an artifact citing a missing post", (b) => [b.user, b.artifact], /cites post "reddit:t3_.*", which is neither in this file nor in project/],
    [
      "a verdict on a missing artifact",
      (b) => [b.user, { type: "verdict", artifact_id: "a-none", annotator: "x@example.org", decision: "accept", created_at: "2026-11-20T10:00:00Z" }],
      /has no active account|artifact "a-none"/,
    ],
    [
      "an edit verdict without content",
      (b) => [b.user, b.post, b.artifact, { type: "verdict", artifact_id: b.artifactId, annotator: "x@example.org", decision: "edit", created_at: "2026-11-20T10:00:00Z" }],
      /an edit verdict needs the corrected content/,
    ],
  ];

  it.each(cases)("rejects %s with a clear reason", async (_name, build, reason) => {
    const project = await makeProject();
    const result = await importText(project.id, jsonl(build(tinyBatch())));
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.reason).join("\n")).toMatch(reason);
    expect(result.errors.every((e) => !/\n\s+at /.test(e.reason))).toBe(true); // no stack traces
    expect(await countRows(project.id)).toEqual(NOTHING);
  });

  it("rejects invalid UTF-8 at its line", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const bytes = Buffer.concat([Buffer.from(jsonl([b.user])), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]);
    const result = await importText(project.id, bytes);
    expect(result.errors).toEqual([{ line: 2, reason: "invalid UTF-8 (the file must be UTF-8 encoded)" }]);
    expect(await countRows(project.id)).toEqual(NOTHING);
  });

  it("rejects an empty file and a file of blank lines", async () => {
    const project = await makeProject();
    for (const text of ["", "\n\n  \n"]) {
      const result = await importText(project.id, text);
      expect(result.errors).toEqual([{ line: 0, reason: "the file is empty: it holds no records" }]);
    }
  });

  it("rejects a verdict by an email that has no account", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const v = { type: "verdict", artifact_id: b.artifactId, annotator: "ghost@example.org", decision: "accept", created_at: "2026-11-20T10:00:00Z" };
    const result = await importText(project.id, jsonl([b.user, b.post, b.artifact, v]));
    expect(result.errors).toEqual([{ line: 4, reason: expect.stringContaining('annotator "ghost@example.org" has no active account') }]);
  });

  it("reports every bad line, not just the first, and keeps the good ones out too", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const result = await importText(project.id, jsonl([b.user, "{nope", b.post, { ...b.post, id: "p2", uid: "nobody" }, "[]"]));
    expect(result.errorCount).toBe(3);
    expect(result.errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(await countRows(project.id)).toEqual(NOTHING);
  });

  it("loses nothing when the stream breaks halfway: the batch is rolled back and marked failed", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    async function* broken() {
      yield Buffer.from(jsonl([b.user, b.post]));
      throw new Error("connection reset");
    }
    await expect(importBatch({ projectId: project.id, source: broken(), fileName: "broken.jsonl", actor: TEST_ACTOR })).rejects.toThrow("connection reset");
    expect(await countRows(project.id)).toEqual(NOTHING);
    expect(await texts(sql`SELECT "status" AS "v" FROM "ImportBatch" WHERE "projectId" = ${project.id}`)).toEqual(["failed"]);
  });

  it("reads lines split across chunks and CRLF line ends", async () => {
    const project = await makeProject();
    const b = tinyBatch();
    const text = Buffer.from([b.user, b.post].map((r) => JSON.stringify(r)).join("\r\n") + "\r\n");
    const chunks = [text.subarray(0, 7), text.subarray(7, 50), text.subarray(50)];
    const result = await importBatch({ projectId: project.id, source: Readable.from(chunks), fileName: "crlf.jsonl", actor: TEST_ACTOR });
    expect(result.summary).toMatchObject({ users: 1, posts: 1 });
  });
});
