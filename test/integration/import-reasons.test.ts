import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { cliSandbox, runCli } from "../helpers/run-cli";
import { countRows, importText, jsonl, makeProject, tinyBatch } from "../helpers/factories";

// A bad line is told as FILE:LINE: reason, the reason saying what is wrong and where (field names,
// the expected shape) and never repeating the line's own text: a batch may hold secrets.

const SECRET = "sk_live_51HqSECRETvalue0123456789";

/** A batch whose every line but the first is bad in a field that holds the secret. */
function secretBatch() {
  const b = tinyBatch();
  const verdict = { type: "verdict", artifact_id: b.artifactId, annotator: "a@example.org", decision: "accept", created_at: "2026-11-20T10:00:00Z" };
  return jsonl([
    b.user,
    `${SECRET} ${JSON.stringify(b.post)}`,
    `{"type":"post","text":"${SECRET}`,
    { type: SECRET },
    { ...b.user, platform: SECRET },
    { ...b.post, kind: SECRET },
    { ...b.artifact, kind: SECRET },
    { ...b.artifact, judge: { scores: { [SECRET]: 7 } } },
    { ...b.artifact, flavor: SECRET },
    { ...verdict, reasons: [SECRET] },
    { ...verdict, decision: SECRET, created_at: SECRET },
  ]);
}

describe("reasons for bad lines", () => {
  it("never repeat the line's text or values", async () => {
    const project = await makeProject();
    const result = await importText(project.id, secretBatch());
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const e of result.errors) expect(e.reason).not.toMatch(/SECRET|sk_live/);
    expect(result.errors[0].reason).toBe("invalid JSON (syntax error)");
    expect(await countRows(project.id)).toMatchObject({ users: 0, posts: 0, artifacts: 0 });
  });

  it("are printed by `cli import` as FILE:LINE: reason, without the secret", async () => {
    const box = await cliSandbox();
    const file = box.file("secret.jsonl");
    fs.writeFileSync(file, secretBatch());
    const r = runCli(["import", file, "--project", "Secrets"], box.databaseUrl);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2: invalid JSON (syntax error)`);
    expect(r.stderr).toContain(`${file}:4: unknown type (expected user, post, artifact, verdict)`);
    expect(r.stderr).not.toMatch(/SECRET|sk_live/);
  });

  it("are printed by `cli import` up to the first 1,000, and the count of all of them after", async () => {
    const box = await cliSandbox();
    const file = box.file("bad.jsonl");
    fs.writeFileSync(file, jsonl(Array.from({ length: 1005 }, () => ({ type: "nothing" }))));
    const r = runCli(["import", file, "--project", "Many"], box.databaseUrl);
    expect(r.code).toBe(1);
    const printed = r.stderr.split("\n").filter((l) => l.startsWith(`${file}:`) && /^.*:\d+: /.test(l));
    expect(printed).toHaveLength(1000);
    expect(printed[0]).toContain(`${file}:1: unknown type`);
    expect(r.stderr).toContain(`${file}: 1005 bad lines (the first 1000 printed above); nothing was imported`);
  });
});
