import { afterAll, describe, expect, inject, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { col, count, row, serverDb, sql } from "../helpers/e2e-db";
import { apiClient, uncheckedEndpoints } from "../helpers/openapi-check";

// Every lead action over the pipeline API, as a release script does them; every answer is checked
// against the OpenAPI document (test/helpers/openapi-check.ts).

const baseURL = inject("baseURL");

const leadToken = async (scope: "read" | "write") => {
  const accountId = await count(sql`SELECT "id" FROM "Account" WHERE "email" = 'lead@demo.local'`);
  return (await serverDb().tx((t) => createApiToken({ accountId, name: `lead api ${scope}`, scope }, { actorLabel: "e2e" }, t))).secret;
};

type Job = { id: string; status: string; url: string; result: unknown; error: string | null };

/** Follows a job to its end through its status resource. */
async function follow(api: ReturnType<typeof apiClient>, job: Job): Promise<Job> {
  for (let i = 0; i < 240 && job.status === "running"; i++) {
    await new Promise((r) => setTimeout(r, 250));
    job = await (await api.get(job.url.replace(/^\/api\/v1/, ""))).json();
  }
  return job;
}

describe("lead actions over the pipeline API", () => {
  afterAll(() => {
    expect(
      uncheckedEndpoints([
        "listProjects",
        "createProject",
        "project",
        "changeSettings",
        "assignMembers",
        "setGold",
        "listSplits",
        "makeSplit",
        "freezeSplit",
        "calibration",
        "calibrate",
        "saveRules",
        "triagePreview",
        "applyTriage",
        "job",
        "disputes",
        "adjudicate",
      ]),
    ).toEqual([]);
  });

  it("creates a project, changes its settings, assigns annotators, adjudicates, calibrates, triages, splits and freezes", async () => {
    const api = apiClient(baseURL, await leadToken("write"));
    const name = `Lead API ${Date.now()}`;

    const created = await api.send("POST", "/projects", { name, overlap: 2, description: "made by a script" });
    expect(created.status).toBe(201);
    const project = await created.json();
    expect(project).toMatchObject({ name, description: "made by a script", settings: { overlap: 2 }, members: { leads: ["lead@demo.local"] }, artifacts: { total: 0 } });
    const id = project.id as number;
    const taken = await api.send("POST", "/projects", { name });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toContain(`id ${id}`);
    expect((await (await api.get("/projects")).json()).projects.map((p: { id: number }) => p.id)).toContain(id);

    const changed = await (await api.send("PATCH", `/projects/${id}`, { blindMode: true, leaseMinutes: 45 })).json();
    expect(changed.settings).toMatchObject({ overlap: 2, blindMode: true, leaseMinutes: 45 });
    const bad = await api.send("PATCH", `/projects/${id}`, { overlap: 0 });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toContain("At least one verdict per artifact");

    const unknown = await api.send("POST", `/projects/${id}/members`, { role: "annotator", emails: ["nobody@example.org", "lead@demo.local"] });
    expect(unknown.status).toBe(422);
    // a lead is not told which emails have accounts (nor their roles): one answer for both
    expect((await unknown.json()).error.message).toBe(
      "No active annotator account with these emails can be added: nobody@example.org, lead@demo.local. Check the spelling, or ask an admin to create (or reactivate) them.",
    );
    const assigned = await (await api.send("POST", `/projects/${id}/members`, { role: "annotator", emails: DEMO_COLLEAGUES })).json();
    expect(assigned.members.annotators).toEqual([...DEMO_COLLEAGUES].sort());

    const batch = [...generateDemoBatch({ users: 120, seed: "lead-api", annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n");
    expect((await api.post(`/projects/${id}/batches`, batch)).status).toBe(200);
    const imported = await (await api.get(`/projects/${id}`)).json();
    expect(imported.artifacts.total).toBeGreaterThan(100);

    const { id: artifactId } = await serverDb().one(
      row({ id: col.text }),
      sql`SELECT "artifactId" AS "id" FROM "ArtifactState" WHERE "projectId" = ${id} AND "status" = 'pending' ORDER BY "artifactId" LIMIT 1`,
    );
    const gold = await (await api.send("POST", `/projects/${id}/artifacts/${encodeURIComponent(artifactId)}/gold`, { gold: "reject" })).json();
    expect(gold).toEqual({ artifactId, isGold: true, goldDecision: "reject" });

    // what waits for a lead, settled by the majority of each dispute
    const waiting = await (await api.get(`/projects/${id}/disputes?limit=500`)).json();
    expect(waiting.total).toBe(imported.artifacts.disputed);
    for (const d of waiting.disputes) {
      const decision = d.accepts + d.edits >= d.rejects ? { decision: "accept" } : { decision: "reject", reasons: ["other"] };
      const r = await api.send("POST", `/projects/${id}/artifacts/${encodeURIComponent(d.id)}/adjudication`, { ...decision, note: "settled by the release script" });
      expect(r.status).toBe(201);
    }
    expect((await (await api.get(`/projects/${id}`)).json()).artifacts.disputed).toBe(0);
    const again = await api.send("POST", `/projects/${id}/artifacts/${encodeURIComponent(artifactId)}/adjudication`, { decision: "accept" });
    expect(again.status).toBe(409);

    const before = await (await api.get(`/projects/${id}/calibration`)).json();
    expect(before).toMatchObject({ runId: null, report: null });
    const calibrated = await follow(api, await (await api.send("POST", `/projects/${id}/calibration`, { target: 0.9 })).json());
    expect(calibrated).toMatchObject({ status: "succeeded", error: null });
    const { runId, report } = await (await api.get(`/projects/${id}/calibration`)).json();
    expect(report.target).toBe(0.9);
    const proposed = report.keys.filter((k: { proposal: { status: string } }) => k.proposal.status === "proposed").map((k: { key: string }) => k.key);
    expect(proposed.length).toBeGreaterThan(0);
    const saved = await api.send("POST", `/projects/${id}/rules`, { runId, keys: proposed, note: "from the script" });
    expect(saved.status).toBe(201);
    const rules = await saved.json();
    expect(rules).toMatchObject({ project: name, version: 2, note: "from the script" });
    expect((await (await api.get(`/projects/${id}/rules/current`)).json()).version).toBe(2);

    const preview = await (await api.get(`/projects/${id}/triage`)).json();
    expect(preview.ruleSetVersion).toBe(2);
    const triage = await api.send("POST", `/projects/${id}/triage`);
    if (preview.calibrated) {
      expect(triage.status).toBe(202);
      expect(await follow(api, await triage.json())).toMatchObject({ status: "succeeded", result: { ruleSetVersion: 2 } });
    } else expect(triage.status).toBe(409);

    const ratios = await api.send("POST", `/projects/${id}/splits`, { train: 0.9 });
    expect(ratios.status).toBe(422);
    expect((await ratios.json()).error.message).toContain("Give all three ratios");
    const split = await follow(api, await (await api.send("POST", `/projects/${id}/splits`, {})).json());
    expect(split).toMatchObject({ status: "succeeded", result: { version: 1 } });
    const versions = (await (await api.get(`/projects/${id}/splits`)).json()).versions;
    expect(versions).toMatchObject([{ version: 1, seed: "v1", status: "draft", ratios: { train: 0.8, validation: 0.1, test: 0.1 } }]);

    const frozen = await follow(api, await (await api.send("POST", `/projects/${id}/splits/1/freeze`)).json());
    expect(frozen).toMatchObject({ status: "succeeded", result: { version: 1 } });
    expect((frozen.result as { files: { name: string }[] }).files.map((f) => f.name)).toContain("dataset_info.json");
    expect((await (await api.get(`/projects/${id}/splits`)).json()).versions[0].status).toBe("frozen");
    expect((await api.send("POST", `/projects/${id}/splits/1/freeze`)).status).toBe(409);

    expect((await api.get(`/projects/${id}/jobs/split-999999`)).status).toBe(404);
    expect((await api.get(`/projects/${id}/jobs/nothing`)).status).toBe(422);
  });

  it("refuses lead actions to a read token and to an annotator", async () => {
    const read = apiClient(baseURL, await leadToken("read"));
    expect((await read.send("POST", "/projects", { name: `never ${Date.now()}` })).status).toBe(403);
    const annotatorId = await count(sql`SELECT "id" FROM "Account" WHERE "email" = ${DEMO_COLLEAGUES[0]}`);
    const secret = (await serverDb().tx((t) => createApiToken({ accountId: annotatorId, name: "annotator", scope: "write" }, { actorLabel: "e2e" }, t))).secret;
    const annotator = apiClient(baseURL, secret);
    const refused = await annotator.send("POST", "/projects", { name: `never ${Date.now()}` });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe("Your role (annotator) may not do this.");
  });
});
