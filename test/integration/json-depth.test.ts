import { describe, expect, it } from "vitest";
import { POST as adjudicate } from "@/app/api/v1/projects/[projectId]/artifacts/[artifactId]/adjudication/route";
import { POST as assignMembers } from "@/app/api/v1/projects/[projectId]/members/route";
import { MAX_JSON_DEPTH } from "@/lib/domain/json-depth";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { update } from "../helpers/db";
import { addMember, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const nested = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);

async function leadWithToken() {
  const lead = await makeAccount("lead");
  const project = await makeProject();
  await addMember(project.id, lead.id);
  const { secret } = await createApiToken({ accountId: lead.id, name: "depth", scope: "write" }, { actorId: lead.id, actorLabel: lead.email });
  const post = (body: string) =>
    assignMembers(new Request(`http://localhost/api/v1/projects/${project.id}/members`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body }), {
      params: Promise.resolve({ projectId: String(project.id) }),
    });
  return { post, project, secret };
}

describe("JSON bodies nested too deep", () => {
  it("are refused with 400 and the limit, at once, before anything parses them", async () => {
    const { post } = await leadWithToken();
    const t = Date.now();
    const res = await post(`{"role": "annotator", "emails": ["x@example.org"], "extra": ${nested(100_000)}}`);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "bad_request", message: expect.stringContaining(`at most ${MAX_JSON_DEPTH} levels`) } });
  });

  it("take a body nested exactly as deep as the limit: it goes on to the usual checks", async () => {
    const { post } = await leadWithToken();
    const res = await post(`{"role": "annotator", "emails": ["x@example.org"], "extra": ${nested(MAX_JSON_DEPTH - 1)}}`);
    expect(res.status).not.toBe(400);
    const deeper = await post(`{"role": "annotator", "emails": ["x@example.org"], "extra": ${nested(MAX_JSON_DEPTH)}}`);
    expect(deeper.status).toBe(400);
  });
});

describe("an edit whose content nests deep", () => {
  it("is refused with 400 at the door, not a 500 from whatever walks the content later", async () => {
    const { project, secret } = await leadWithToken();
    const [a, b] = [await makeAccount(), await makeAccount()];
    await update("Project", { id: project.id }, { overlap: 2 });
    const t = tinyBatch();
    const v = (who: { email: string }, decision: string, extra: object = {}) => ({
      type: "verdict",
      artifact_id: t.artifactId,
      annotator: who.email,
      decision,
      created_at: "2026-11-20T10:00:00Z",
      ...extra,
    });
    expect((await importText(project.id, jsonl([t.user, t.post, t.artifact, v(a, "accept"), v(b, "reject", { reasons: ["generic"] })]))).ok).toBe(true);
    const content = JSON.stringify({ ...t.artifact.content, extra: "DEEP" }).replace('"DEEP"', nested(10_000));
    const res = await adjudicate(
      new Request(`http://localhost/api/v1/projects/${project.id}/artifacts/${t.artifactId}/adjudication`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: `{"decision": "edit", "content": ${content}}`,
      }),
      { params: Promise.resolve({ projectId: String(project.id), artifactId: t.artifactId }) },
    );
    expect(res.status).toBe(400);
  });
});
