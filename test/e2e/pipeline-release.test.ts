import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { generateDemoBatch, type DemoRecord } from "@/lib/domain/demo/generate";
import { newWebhookSecret, webhookEnvelope, webhookHeaders } from "@/lib/domain/webhooks";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { count, serverDb, sql } from "../helpers/e2e-db";
import { apiClient } from "../helpers/openapi-check";

// docs/pipeline.md's release scripts, run as the page writes them (each fenced block after its
// marker), against the live workbench: the shell one with curl and jq, the Python one with the
// standard library. Then its webhook check, in Python, on a delivery signed as the workbench signs.

const baseURL = inject("baseURL");
const doc = fs.readFileSync(path.resolve("docs/pipeline.md"), "utf8");

/** The fenced code block after `<!-- name -->` in docs/pipeline.md. */
function block(name: string): string {
  const m = new RegExp(`<!-- ${name.replace(".", "\\.")} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!m) throw new Error(`docs/pipeline.md has no block after <!-- ${name} -->`);
  return m[1];
}

/** A demo batch in which every artifact has two annotators' verdicts: nothing waits for reviews after it. */
function reviewedBatch(seed: string): string {
  const records: DemoRecord[] = [...generateDemoBatch({ users: 24, seed, annotators: DEMO_COLLEAGUES })];
  const judged = new Set(records.filter((r) => r.type === "verdict").map((r) => r.artifact_id));
  const more = records
    .filter((r) => r.type === "artifact" && !judged.has(r.id))
    .flatMap((a) => DEMO_COLLEAGUES.slice(0, 2).map((annotator) => ({ type: "verdict", artifact_id: a.id, annotator, decision: "accept", created_at: "2026-11-30T12:00:00Z" })));
  return [...records, ...more].map((r) => JSON.stringify(r)).join("\n") + "\n";
}

async function release(interpreter: "bash" | "python3", script: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `release-${interpreter}-`));
  const file = path.join(dir, interpreter === "bash" ? "release.sh" : "release.py");
  fs.writeFileSync(file, script);
  fs.writeFileSync(path.join(dir, "batch.jsonl"), reviewedBatch(`release-${interpreter}`));
  const accountId = await count(sql`SELECT "id" FROM "Account" WHERE "email" = 'lead@demo.local'`);
  const token = (await serverDb().tx((t) => createApiToken({ accountId, name: `release ${interpreter}`, scope: "write" }, { actorLabel: "e2e" }, t))).secret;
  const project = `Release ${interpreter} ${Date.now()}`;
  const out = path.join(dir, "out");
  const run = spawnSync(interpreter, [file], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, WORKBENCH: baseURL, TOKEN: token, PROJECT: project, BATCH: path.join(dir, "batch.jsonl"), ANNOTATORS: DEMO_COLLEAGUES.join(","), OUT: out, WAIT_SECONDS: "5" },
  });
  return { run, out, project, api: apiClient(baseURL, token) };
}

async function expectReleased({ run, out, project, api }: Awaited<ReturnType<typeof release>>) {
  expect(run.stderr.replace(/^warning: .*\n/gm, "")).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`released version 1 of ${project} to ${out}`);
  expect(run.stdout).toContain("disputes left: 0");
  for (const name of ["train.jsonl", "validation.jsonl", "test.jsonl", "artifacts.tsv", "verdicts.jsonl", "dataset_info.json", "manifest.json", "README.md"]) {
    expect(fs.existsSync(path.join(out, name)), name).toBe(true);
  }
  const { projects } = await (await api.get("/projects")).json();
  const id = projects.find((p: { name: string }) => p.name === project).id;
  const shown = await (await api.get(`/projects/${id}`)).json();
  expect(shown.artifacts).toMatchObject({ pending: 0, in_review: 0, disputed: 0 });
  expect(shown.members.annotators).toEqual([...DEMO_COLLEAGUES].sort());
  expect((await (await api.get(`/projects/${id}/splits`)).json()).versions).toMatchObject([{ version: 1, status: "frozen" }]);
  const info = JSON.parse(fs.readFileSync(path.join(out, "dataset_info.json"), "utf8"));
  expect(Object.keys(info).length).toBeGreaterThan(0);
}

describe("docs/pipeline.md", () => {
  it("releases a project end to end with the shell script (curl, jq)", async () => {
    await expectReleased(await release("bash", block("release.sh")));
  });

  it("releases a project end to end with the Python script (standard library only)", async () => {
    await expectReleased(await release("python3", block("release.py")));
  });

  it("checks a webhook delivery as the workbench signs it, with the Python snippet", () => {
    const secret = newWebhookSecret();
    const body = webhookEnvelope("split.frozen", { projectId: 1, version: 2 });
    const headers = webhookHeaders(secret, "msg_release", body);
    const check = (b: string) =>
      spawnSync(
        "python3",
        ["-c", `${block("verify_webhook.py")}\nimport json, sys\nprint(verify_webhook(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3].encode()))`, secret, JSON.stringify(headers), b],
        {
          encoding: "utf8",
        },
      );
    expect(check(body)).toMatchObject({ status: 0, stdout: "True\n" });
    expect(check(body.replace("2", "3")).stdout).toBe("False\n");
  });
});
