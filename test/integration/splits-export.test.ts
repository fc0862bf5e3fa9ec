import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportSplitVersion, LeakageError } from "@/lib/server/splits/export-split-version";
import { exportVerified, freezeSplitVersion } from "@/lib/server/splits/freeze-split-version";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { count, sql, texts, update } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const ratios = { train: 0.6, validation: 0.2, test: 0.2 };

/** A project whose demo batch carries two annotators' verdicts, so a share of artifacts is accepted. */
async function reviewedProject() {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  const records = [...generateDemoBatch({ users: 40, seed: "splits-demo", annotators: [a.email, b.email] })]; // a fixed seed: the test must not depend on luck
  const result = await importText(project.id, jsonl(records));
  expect(result.ok).toBe(true);
  return project.id;
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "export-"));

describe("split versions and exports", () => {
  it("writes artifacts.tsv safe to open in a spreadsheet: a key that starts like a formula is neutralised", async () => {
    const project = await makeProject();
    const [a, b] = [await makeAccount(), await makeAccount()];
    const t = tinyBatch();
    const evil = '=HYPERLINK("http://evil.example","open")';
    const verdict = (who: { email: string }) => ({ type: "verdict", artifact_id: evil, annotator: who.email, decision: "accept", created_at: "2026-11-20T10:00:00Z" });
    expect((await importText(project.id, jsonl([t.user, t.post, { ...t.artifact, id: evil }, verdict(a), verdict(b)]))).ok).toBe(true);
    const { version } = await createSplitVersion(project.id, { ratios: { train: 1, validation: 0, test: 0 }, seed: "v1" }, TEST_ACTOR);
    const out = tmp();
    await exportSplitVersion(project.id, version, out);
    const rows = fs.readFileSync(path.join(out, "artifacts.tsv"), "utf8").trim().split("\n");
    expect(rows[1].split("\t")[0]).toBe(`'${evil}`);
  });

  it("splits accepted artifacts by user and exports parseable chat records, byte-identical twice", async () => {
    const projectId = await reviewedProject();
    {
      const { version, counts } = await createSplitVersion(projectId, { ratios, seed: "v1" }, TEST_ACTOR);
      const accepted = await count(sql`SELECT COUNT(*) FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "status" = 'accepted'`);
      expect(counts.train.artifacts + counts.validation.artifacts + counts.test.artifacts).toBe(accepted);

      const [first, second] = [tmp(), tmp()];
      const a = await exportSplitVersion(projectId, version, first);
      const b = await exportSplitVersion(projectId, version, second);
      expect(a.leakage.clean).toBe(true);
      expect(b.files).toEqual(a.files);
      expect(a.files.reduce((n, f) => n + f.bytes, 0)).toBeGreaterThan(0);

      const usersBySplit = new Map<string, Set<string>>();
      for (const f of a.files.filter((x) => /^(train|validation|test)\.jsonl$/.test(x.name))) {
        for (const line of fs.readFileSync(path.join(first, f.name), "utf8").split("\n").filter(Boolean)) {
          const r = JSON.parse(line);
          expect(r.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
          expect(r.source).toMatch(/^(reddit|twitter|blogger|amazon)\.[a-z_]+$/);
          expect(r.artifact_ids.length).toBeGreaterThan(0);
          usersBySplit.set(r.uid, (usersBySplit.get(r.uid) ?? new Set()).add(f.name));
        }
      }
      for (const splits of usersBySplit.values()) expect(splits.size).toBe(1);
    }
  });

  it("keeps a version's export unchanged when artifacts change afterwards", async () => {
    const projectId = await reviewedProject();
    const { version } = await createSplitVersion(projectId, { ratios, seed: "v1" }, TEST_ACTOR);
    const before = (await exportSplitVersion(projectId, version, tmp())).files;
    await update("ArtifactState", { projectId, status: "accepted" }, { finalContentJson: '{"text":"changed later"}' });
    expect((await exportSplitVersion(projectId, version, tmp())).files).toEqual(before);
  });

  it("keeps the test users of the latest frozen version in test, whatever the new seed", async () => {
    const projectId = await reviewedProject();
    const v1 = await createSplitVersion(projectId, { ratios, seed: "v1" }, TEST_ACTOR);
    await update("SplitVersion", { id: v1.versionId }, { status: "frozen" });
    const testUsers = await texts(sql`SELECT DISTINCT "uid" AS "v" FROM "SplitMember" WHERE "splitVersionId" = ${v1.versionId} AND "split" = 'test'`);
    expect(testUsers.length).toBeGreaterThan(0);
    const v2 = await createSplitVersion(projectId, { ratios: { train: 0.9, validation: 0.1, test: 0 }, seed: "other" }, TEST_ACTOR);
    const moved = await count(sql`SELECT COUNT(*) FROM "SplitMember" WHERE "splitVersionId" = ${v2.versionId} AND "uid" IN ${sql.list(testUsers)} AND "split" <> 'test'`);
    expect(moved).toBe(0);
  });

  it("refuses to export a version whose splits leak, and says what leaks", async () => {
    const projectId = await reviewedProject();
    const { versionId, version } = await createSplitVersion(projectId, { ratios, seed: "v1" }, TEST_ACTOR);
    // plant a leak: one user's artifact moved to another split
    await db().exec(
      sql`UPDATE "SplitMember" SET "split" = CASE "split" WHEN 'train' THEN 'test' ELSE 'train' END
          WHERE "splitVersionId" = ${versionId} AND "artifactId" = (SELECT "artifactId" FROM "SplitMember" WHERE "splitVersionId" = ${versionId}
            AND "uid" IN (SELECT "uid" FROM "SplitMember" WHERE "splitVersionId" = ${versionId} GROUP BY "uid" HAVING COUNT(*) > 1) ORDER BY "artifactId" LIMIT 1)`,
    );
    const out = tmp();
    let error: unknown;
    try {
      await exportSplitVersion(projectId, version, out);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeakageError);
    expect((error as LeakageError).report.sharedUsers).toHaveLength(1);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("says so when nothing is accepted yet", async () => {
    const project = await makeProject();
    await expect(createSplitVersion(project.id, { ratios, seed: "x" }, TEST_ACTOR)).rejects.toThrow("nothing to split");
    await expect(createSplitVersion(project.id, { ratios: { train: 1, validation: 1, test: 0 }, seed: "x" }, TEST_ACTOR)).rejects.toThrow("add up to 1");
  });
});

describe("freezing", () => {
  it("records the manifest, locks the members, and checks later exports against it", async () => {
    const projectId = await reviewedProject();
    const { versionId, version } = await createSplitVersion(projectId, { ratios, seed: "v1" }, TEST_ACTOR);
    const frozen = await freezeSplitVersion(projectId, version, tmp(), TEST_ACTOR);
    expect(frozen.files.map((f) => f.name)).toEqual(["train.jsonl", "validation.jsonl", "test.jsonl", "artifacts.tsv", "verdicts.jsonl", "dataset_info.json"]);
    const stored = await db().one(row({ status: col.text, manifestJson: col.text }), sql`SELECT "status", "manifestJson" FROM "SplitVersion" WHERE "id" = ${versionId}`);
    expect(stored.status).toBe("frozen");
    const manifest = JSON.parse(stored.manifestJson);
    expect(manifest.files).toEqual(frozen.files);
    expect(manifest.artifacts).toBeGreaterThan(0);

    await expect(db().exec(sql`UPDATE "SplitMember" SET "split" = 'train' WHERE "splitVersionId" = ${versionId}`)).rejects.toThrow("frozen version is immutable");
    await expect(db().exec(sql`DELETE FROM "SplitMember" WHERE "splitVersionId" = ${versionId}`)).rejects.toThrow("frozen version is immutable");
    await expect(freezeSplitVersion(projectId, version, tmp(), TEST_ACTOR)).rejects.toThrow("already frozen");

    await expect(
      db().exec(
        sql`INSERT INTO "SplitMember" ("splitVersionId", "artifactId", "uid", "platform", "kind", "split", "contentJson", "contentHash") VALUES (${versionId}, 'x', 'u', 'reddit', 'persona', 'train', '{}', 'h')`,
      ),
    ).rejects.toThrow("frozen version is immutable");

    // later verdicts do not reach a frozen version's verdict feed, and what the rule outcomes are
    // computed from was kept with the version: new scores and flags on the artifacts change nothing
    await db().exec(sql`UPDATE "Artifact" SET "scoresPacked" = NULL, "flags" = 255 WHERE "projectId" = ${projectId}`);
    const out = tmp();
    const again = await exportVerified(projectId, version, out);
    expect(again.files).toEqual(frozen.files);
    const card = fs.readFileSync(path.join(out, "README.md"), "utf8");
    expect(card).toContain(`split version ${version}`);
    expect(card).toMatch(/manifest\.json sha256: `[0-9a-f]{64}`/);
    const info = JSON.parse(fs.readFileSync(path.join(out, "dataset_info.json"), "utf8"));
    expect(Object.values(info)[0]).toMatchObject({ formatting: "sharegpt", columns: { messages: "messages" } });
    const listed = fs.readFileSync(path.join(out, "artifacts.tsv"), "utf8").trim().split("\n");
    expect(listed[0]).toBe("artifact_id\tsplit\tcontent_sha256\trule_outcome");
    expect(listed).toHaveLength(manifest.artifacts + 1);
    expect(listed[1]).toMatch(/^\S+\t(train|validation|test)\t[0-9a-f]{64}\t(pass|fail|not_judged)$/);
    const feed = fs
      .readFileSync(path.join(out, "verdicts.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(feed[0]).toMatchObject({ decision: expect.stringMatching(/accept|edit|reject/), annotator_id: expect.any(Number), created_at: expect.any(String) });
  });

  it("lists only the splits with records in dataset_info.json, says which came out empty, and still verifies versions frozen with all three listed", async () => {
    const projectId = await reviewedProject();
    const { versionId, version } = await createSplitVersion(projectId, { ratios: { train: 0.8, validation: 0, test: 0.2 }, seed: "e1" }, TEST_ACTOR);
    const out = tmp();
    const frozen = await freezeSplitVersion(projectId, version, out, TEST_ACTOR);
    expect(frozen.records.validation).toEqual({});
    const info = JSON.parse(fs.readFileSync(path.join(out, "dataset_info.json"), "utf8"));
    expect(Object.values(info).map((e) => (e as { file_name: string }).file_name)).toEqual(["train.jsonl", "test.jsonl"]);
    expect(fs.readFileSync(path.join(out, "README.md"), "utf8")).toContain("validation has no records: its file is empty, and dataset_info.json leaves it out.");

    // a version frozen before: its manifest holds the sha256 of the file that listed every split
    const { datasetInfoText } = await import("@/lib/server/splits/export-split-version");
    const { createHash } = await import("node:crypto");
    const { SPLITS } = await import("@/lib/domain/splits");
    const name = (await db().one(row({ name: col.text }), sql`SELECT "name" FROM "Project" WHERE "id" = ${projectId}`)).name;
    const legacy = createHash("sha256").update(datasetInfoText(name, SPLITS)).digest("hex");
    await db().exec(
      sql`UPDATE "SplitVersion" SET "manifestJson" = jsonb_set("manifestJson"::jsonb, '{files}', (SELECT jsonb_agg(CASE WHEN f->>'name' = 'dataset_info.json' THEN jsonb_set(f, '{sha256}', to_jsonb(${legacy}::text)) ELSE f END) FROM jsonb_array_elements("manifestJson"::jsonb->'files') f))::text WHERE "id" = ${versionId}`,
    );
    const again = await exportVerified(projectId, version, tmp());
    expect(again.files).toEqual(frozen.files);
    // any other dataset_info.json still fails the check
    await db().exec(
      sql`UPDATE "SplitVersion" SET "manifestJson" = jsonb_set("manifestJson"::jsonb, '{files}', (SELECT jsonb_agg(CASE WHEN f->>'name' = 'dataset_info.json' THEN jsonb_set(f, '{sha256}', '"0000"') ELSE f END) FROM jsonb_array_elements("manifestJson"::jsonb->'files') f))::text WHERE "id" = ${versionId}`,
    );
    await expect(exportVerified(projectId, version, tmp())).rejects.toThrow("does not match its manifest (dataset_info.json)");
  });

  it("lists each artifact's outcome under the rule set the version pinned, and names it in the card", async () => {
    const { saveRuleSet } = await import("@/lib/server/qc/rule-sets");
    const { defaultRuleSet } = await import("@/lib/domain/qc/rule-set");
    const projectId = await reviewedProject();
    const before = await createSplitVersion(projectId, { ratios, seed: "r1" }, TEST_ACTOR);
    // version 2 fails every persona: the lowest a score can be is 1, so demand 10 of everything
    const strict = defaultRuleSet();
    strict.pass.persona = { hallucination: 10, coverage: 10, conciseness: 10, relevance: 10, overall: 10 };
    await saveRuleSet(projectId, { rules: strict, note: "strict personas" }, TEST_ACTOR);
    const after = await createSplitVersion(projectId, { ratios, seed: "r1" }, TEST_ACTOR);
    const outcomes = async (version: number) => {
      const dir = tmp();
      await exportSplitVersion(projectId, version, dir);
      const rows = fs.readFileSync(path.join(dir, "artifacts.tsv"), "utf8").trim().split("\n");
      expect(rows[0]).toBe("artifact_id\tsplit\tcontent_sha256\trule_outcome");
      return { rows: rows.slice(1).map((r) => r.split("\t")), card: fs.readFileSync(path.join(dir, "README.md"), "utf8") };
    };
    const v1 = await outcomes(before.version);
    const v2 = await outcomes(after.version);
    expect(v1.card).toContain("rule set v1");
    expect(v2.card).toContain("rule set v2 (strict personas)");
    const kinds = new Map((await db().many(row({ id: col.text, kind: col.text }), sql`SELECT "id", "kind" FROM "Artifact" WHERE "projectId" = ${projectId}`)).map((r) => [r.id, r.kind]));
    const personas = (rows: string[][]) => rows.filter((r) => kinds.get(r[0]) === "persona").map((r) => r[3]);
    expect(personas(v2.rows).length).toBeGreaterThan(0);
    expect(personas(v2.rows).every((o) => o === "fail" || o === "not_judged")).toBe(true);
    expect(personas(v1.rows).some((o) => o === "pass")).toBe(true);
    expect(new Set(v1.rows.map((r) => r[3]))).toEqual(new Set(["pass", "fail", "not_judged"]));
  });
});
