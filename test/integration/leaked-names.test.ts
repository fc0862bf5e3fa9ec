import { describe, expect, it } from "vitest";
import { HIGHLIGHT_FLAGS } from "@/lib/domain/highlights";
import { count, sql } from "../helpers/db";
import { importText, jsonl, makeProject, unique } from "../helpers/factories";

/** A user whose cited post names nobody and whose other post names their sister. */
function user(tag: string) {
  const uid = `reddit:${tag}`;
  return {
    uid,
    lines: [
      { type: "user", uid, platform: "reddit" },
      { type: "post", id: `${tag}-cited`, uid, platform: "reddit", kind: "submission", created_at: "2020-01-01T10:00:00Z", text: "I ran the river loop and my knee hurts." },
      { type: "post", id: `${tag}-other`, uid, platform: "reddit", kind: "comment", created_at: "2020-02-01T10:00:00Z", text: "My sister Maria Lopez baked bread with me." },
    ],
  };
}

const artifact = (tag: string, uid: string) => ({
  type: "artifact",
  id: `a-${tag}`,
  uid,
  kind: "social_qa",
  flavor: "why",
  source_post_ids: [`${tag}-cited`],
  content: { scenario: "PersonA ran the river loop.", question: "Why does PersonA rest?", answer: "Because Maria Lopez said so." },
});

const leaked = (projectId: number, id: string) => count(sql`SELECT COUNT(*) FROM "Artifact" WHERE "projectId" = ${projectId} AND "id" = ${id} AND "flags" & ${HIGHLIGHT_FLAGS.leaked_name} <> 0`);

describe("the leaked-name check at import", () => {
  it("collects real names from all of the user's posts, not only the cited ones, in the same file", async () => {
    const { id: projectId } = await makeProject();
    const tag = unique("names");
    const u = user(tag);
    expect((await importText(projectId, jsonl([...u.lines, artifact(tag, u.uid)]))).ok).toBe(true);
    expect(await leaked(projectId, `a-${tag}`)).toBe(1);
  });

  it("and from the posts an earlier batch stored", async () => {
    const { id: projectId } = await makeProject();
    const tag = unique("names");
    const u = user(tag);
    expect((await importText(projectId, jsonl(u.lines))).ok).toBe(true);
    expect((await importText(projectId, jsonl([artifact(tag, u.uid)]))).ok).toBe(true);
    expect(await leaked(projectId, `a-${tag}`)).toBe(1);
  });
});
