import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { rows, sql, ARTIFACT_ROWS } from "../helpers/db";
import { importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

/**
 * An import merges its file a chunk at a time while the next chunk is prepared. Whatever the chunk
 * size, the same file must give the same result: the same rows, counts, bad lines and conflicts.
 */
async function importInChunks(text: string, chunkLines?: number) {
  const project = await makeProject();
  const result = await importText(project.id, text, { chunkLines });
  const stored = await rows(sql`
    SELECT a."id", a."platform", a."flags", a."status", a."verdictCount", t."words" IS NOT NULL AS "searchable"
    FROM ${ARTIFACT_ROWS} a LEFT JOIN "ArtifactText" t ON t."projectId" = a."projectId" AND t."artifactId" = a."id"
    WHERE a."projectId" = ${project.id} ORDER BY a."id"`);
  const posts = await rows(sql`SELECT "id", "uid", "line" FROM "Post" WHERE "projectId" = ${project.id} ORDER BY "id"`);
  // the tallies the pages read, whatever slots and statements they were counted in
  const tallies = await rows(sql`
    SELECT "status", "decidedBy", SUM("n")::int AS "n" FROM "ArtifactTally" WHERE "projectId" = ${project.id}
    GROUP BY 1, 2 HAVING SUM("n") <> 0 ORDER BY 1, 2`);
  const facets = await rows(sql`
    SELECT "facet", "value", "status", SUM("n")::int AS "n" FROM "FacetTally" WHERE "projectId" = ${project.id}
    GROUP BY 1, 2, 3 HAVING SUM("n") <> 0 ORDER BY 1, 2, 3`);
  const { batchId: _batchId, ...rest } = result;
  // the same file gives the same result, whatever project it goes to
  const same = JSON.parse(JSON.stringify(rest).replaceAll(project.name, "P")) as typeof rest;
  return { result: same, stored, posts, tallies, facets };
}

describe("importBatch in chunks", () => {
  it("imports the demo batch, verdicts included, the same in chunks of one line, of seven lines and whole (review states recomputed in pages of that size)", async () => {
    const annotators = await Promise.all([1, 2, 3].map(async () => (await makeAccount()).email));
    const text = jsonl([...generateDemoBatch({ users: 6, seed: "chunks", annotators })]);
    const whole = await importInChunks(text);
    expect(whole.result.errors).toEqual([]);
    expect(whole.result.summary.artifacts).toBeGreaterThan(20);
    expect(whole.result.summary.verdicts).toBeGreaterThan(20);
    expect(whole.stored.every((a) => a.searchable && a.flags !== null && a.platform !== "")).toBe(true);
    expect(new Set(whole.stored.map((a) => a.status)).size).toBeGreaterThan(1); // the verdicts moved some on
    expect(whole.tallies.reduce((n, r) => n + Number(r.n), 0)).toBe(whole.stored.length);
    // every artifact has its scores' facet, counted once at the import's commit however many chunks
    expect(whole.facets.filter((r) => r.facet === "scores").reduce((n, r) => n + Number(r.n), 0)).toBe(whole.stored.length);
    expect(await importInChunks(text, 1)).toEqual(whole);
    expect(await importInChunks(text, 7)).toEqual(whole);
  });

  it("resolves users and posts from later chunks, compares repeats with earlier chunks, and reports what still dangles after the last", async () => {
    const b = tinyBatch();
    const other = tinyBatch();
    const changed = { ...b.artifact, content: { ...b.artifact.content, answer: "Because PersonA is bored." } };
    const text = jsonl([
      b.artifact, // its post and user come later
      b.post,
      { ...other.post, platform: "twitter", kind: "tweet" }, // its user comes later, on another platform
      b.artifact, // unchanged
      changed, // a conflict with line 1
      { ...other.artifact, source_post_ids: [b.postId] }, // cites another user's post
      { ...tinyBatch().artifact, uid: "reddit:nobody" }, // a user that never comes
      { ...other.artifact, id: "a-missing-post", source_post_ids: ["reddit:t3_never"] },
      b.user,
      other.user,
    ]);
    const whole = await importInChunks(text);
    expect(whole.result.errors.map((e) => e.line)).toEqual([3, 6, 7, 7, 8]);
    expect(whole.result.errors[0].reason).toContain("is on twitter but its user");
    expect(await importInChunks(text, 1)).toEqual(whole);
    expect(await importInChunks(text, 3)).toEqual(whole);

    const good = jsonl([b.artifact, b.post, b.artifact, changed, b.user]);
    const goodWhole = await importInChunks(good);
    expect(goodWhole.result).toMatchObject({ ok: true, summary: { users: 1, posts: 1, artifacts: 1, unchanged: 1, conflicts: 1 } });
    expect(goodWhole.result.conflicts.map((c) => c.line)).toEqual([4]);
    expect(goodWhole.stored).toEqual([expect.objectContaining({ id: b.artifactId, platform: "reddit", searchable: true })]);
    expect(await importInChunks(good, 1)).toEqual(goodWhole);
  });
});
