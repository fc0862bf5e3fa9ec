import { createHash } from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { cliSandbox, runCli } from "../helpers/run-cli";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { usingDb } from "../helpers/with-db";

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("cli demo + import", () => {
  it("writes a deterministic demo batch that imports cleanly, then re-imports as unchanged", async () => {
    const box = await cliSandbox();
    expect(runCli(["demo", "--out", box.file("a.jsonl"), "--users", "25", "--seed", "s1"], box.databaseUrl).code).toBe(0);
    runCli(["demo", "--out", box.file("b.jsonl"), "--users", "25", "--seed", "s1"], box.databaseUrl);
    runCli(["demo", "--out", box.file("c.jsonl"), "--users", "25", "--seed", "s2"], box.databaseUrl);
    expect(sha(box.file("a.jsonl"))).toBe(sha(box.file("b.jsonl")));
    expect(sha(box.file("a.jsonl"))).not.toBe(sha(box.file("c.jsonl")));

    const lines = fs
      .readFileSync(box.file("a.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).type as string);
    const count = (t: string) => lines.filter((x) => x === t).length;
    const first = runCli(["import", box.file("a.jsonl"), "--project", "Pilot", "--json"], box.databaseUrl);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ users: count("user"), posts: count("post"), artifacts: count("artifact"), verdicts: 0, unchanged: 0, conflicts: 0 });

    const again = runCli(["import", box.file("a.jsonl"), "--project", "Pilot", "--json"], box.databaseUrl);
    expect(JSON.parse(again.stdout)).toEqual({ users: 0, posts: 0, artifacts: 0, verdicts: 0, unchanged: lines.length, conflicts: 0 });
  });

  it("prints every bad line as FILE:LINE: reason, exits non-zero and writes nothing", async () => {
    const box = await cliSandbox();
    const file = box.file("bad.jsonl");
    fs.writeFileSync(
      file,
      [
        '{"type":"user","uid":"u1","platform":"reddit"}',
        "{not json",
        '{"type":"post","id":"p1","uid":"u1","platform":"reddit","kind":"comment"}',
        '{"type":"post","id":"p2","uid":"ghost","platform":"reddit","kind":"comment","text":"hi"}',
      ].join("\n"),
    );
    const r = runCli(["import", file, "--project", "Pilot", "--json"], box.databaseUrl);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2: invalid JSON`);
    expect(r.stderr).toContain(`${file}:3: missing required field "text"`);
    expect(r.stderr).toContain(`${file}:4: post "p2" refers to user "ghost", which is neither in this file nor in project "Pilot"`);
    expect(r.stderr).toContain('3 bad lines; nothing was imported, and no project "Pilot" was created.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await usingDb(box.databaseUrl, async (d) => (await d.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "Project" WHERE "name" = 'Pilot'`)).n)).toBe(0);
    // nothing was written: the same good line imports as new afterwards
    fs.writeFileSync(file, '{"type":"user","uid":"u1","platform":"reddit"}\n');
    expect(JSON.parse(runCli(["import", file, "--project", "Pilot", "--json"], box.databaseUrl).stdout).users).toBe(1);
  });

  it("says so when the file is missing or empty", async () => {
    const box = await cliSandbox();
    expect(runCli(["import", box.file("none.jsonl"), "--project", "P"], box.databaseUrl)).toMatchObject({ code: 1, stderr: `error: ${box.file("none.jsonl")}: no such file\n` });
    fs.writeFileSync(box.file("empty.jsonl"), "");
    const r = runCli(["import", box.file("empty.jsonl"), "--project", "P"], box.databaseUrl);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${box.file("empty.jsonl")}: the file is empty: it holds no records`);
  });
});

describe("cli users add", () => {
  it("creates an account with a generated password, and refuses a duplicate or an unknown role", async () => {
    const box = await cliSandbox();
    const r = runCli(["users", "add", "--email", "Lead@Example.org", "--role", "lead"], box.databaseUrl);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created lead lead@example\.org with password [a-z2-9]{5}(-[a-z2-9]{5}){3}\n$/);
    expect(runCli(["users", "add", "--email", "lead@example.org", "--role", "lead"], box.databaseUrl)).toMatchObject({
      code: 1,
      stderr: "error: An account for lead@example.org already exists.\n",
    });
    const bad = runCli(["users", "add", "--email", "x@example.org", "--role", "owner"], box.databaseUrl);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Role must be one of annotator, lead, admin");
  });

  it("takes a given password", async () => {
    const box = await cliSandbox();
    const r = runCli(["users", "add", "--email", "a@example.org", "--role", "annotator", "--password", "a-long-enough-password"], box.databaseUrl);
    expect(r.stdout).toBe("Created annotator a@example.org\n");
  });
});

describe("cli export", () => {
  it("makes a first split version when there is none, exports the latest, the same bytes twice, and refuses a leaking one with its offenders", async () => {
    const { createSplitVersion } = await import("@/lib/server/splits/create-split-version");
    const box = await cliSandbox();
    for (const who of ["ann1", "ann2"]) runCli(["users", "add", "--email", `${who}@example.org`, "--role", "annotator"], box.databaseUrl);
    runCli(["demo", "--out", box.file("d.jsonl"), "--users", "30", "--seed", "cli-export", "--annotators", "ann1@example.org,ann2@example.org"], box.databaseUrl);
    const unassigned = runCli(["import", box.file("d.jsonl"), "--project", "Pilot"], box.databaseUrl);
    expect(unassigned).toMatchObject({ code: 1, stderr: expect.stringContaining('annotator "ann1@example.org" is not a member of project "Pilot"') });
    expect(runCli(["import", box.file("d.jsonl"), "--project", "Pilot", "--assign", "ann1@example.org,ann2@example.org"], box.databaseUrl).code).toBe(0);
    // a project with no version: one is made with the defaults, and the export says so
    const made = runCli(["export", "--project", "Pilot", "--out", box.file("out")], box.databaseUrl);
    expect(made).toMatchObject({ code: 0, stdout: expect.stringContaining('"Pilot" had no split version yet: made version 1 (seed v1, ratios 0.8/0.1/0.1): train ') });
    expect(fs.readdirSync(box.file("out"))).toContain("train.jsonl");

    const pilot = await usingDb(box.databaseUrl, async (d) => (await d.one(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "name" = 'Pilot'`)).id);
    const { versionId } = await usingDb(box.databaseUrl, (d) => createSplitVersion(pilot, { ratios: { train: 0.7, validation: 0.15, test: 0.15 }, seed: "s" }, { actorLabel: "test" }, { db: d }));
    const first = runCli(["export", "--project", "Pilot", "--out", box.file("a")], box.databaseUrl);
    const second = runCli(["export", "--project", "Pilot", "--out", box.file("b"), "--version", "2"], box.databaseUrl);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^train\.jsonl\t\d+ bytes\tsha256 [0-9a-f]{64}$/m);
    expect(second.stdout.replace(box.file("b"), "")).toBe(first.stdout.replace(box.file("a"), ""));

    await usingDb(box.databaseUrl, (d) =>
      d.exec(sql`UPDATE "SplitMember" SET "split" = CASE "split" WHEN 'train' THEN 'test' ELSE 'train' END
                 WHERE "splitVersionId" = ${versionId} AND "artifactId" = (SELECT "artifactId" FROM "SplitMember" WHERE "splitVersionId" = ${versionId}
                   AND "uid" IN (SELECT "uid" FROM "SplitMember" WHERE "splitVersionId" = ${versionId} GROUP BY "uid" HAVING COUNT(*) > 1) ORDER BY "artifactId" LIMIT 1)`),
    );
    const leaking = runCli(["export", "--project", "Pilot", "--out", box.file("c")], box.databaseUrl);
    expect(leaking.code).toBe(1);
    expect(leaking.stderr).toContain("The splits leak: 1 shared users");
    expect(leaking.stderr).toMatch(/shared user \S+: in (train|validation|test) and (train|validation|test)/);
  });

  it("prints the current rule set as JSON, or a named version, and says when a version does not exist", async () => {
    const { saveRuleSet } = await import("@/lib/server/qc/rule-sets");
    const { defaultRuleSet } = await import("@/lib/domain/qc/rule-set");
    const box = await cliSandbox();
    runCli(["demo", "--out", box.file("d.jsonl"), "--users", "2"], box.databaseUrl);
    expect(runCli(["import", box.file("d.jsonl"), "--project", "Rules"], box.databaseUrl).code).toBe(0);
    const first = JSON.parse(runCli(["rules", "export", "--project", "Rules"], box.databaseUrl).stdout);
    expect(first).toMatchObject({ project: "Rules", version: 1, rules: defaultRuleSet() });

    const rules = defaultRuleSet();
    rules.pass.persona = { ...rules.pass.persona, overall: 9 };
    await usingDb(box.databaseUrl, (db) => db.tx((t) => saveRuleSet(1, { rules, note: "stricter personas" }, { actorLabel: "test" }, t)));
    expect(JSON.parse(runCli(["rules", "export", "--project", "Rules"], box.databaseUrl).stdout)).toMatchObject({ version: 2, note: "stricter personas", rules });
    expect(JSON.parse(runCli(["rules", "export", "--project", "Rules", "--version", "1"], box.databaseUrl).stdout).rules).toEqual(defaultRuleSet());
    expect(runCli(["rules", "export", "--project", "Rules", "--version", "7"], box.databaseUrl)).toMatchObject({ code: 1, stderr: expect.stringContaining("has no rule set version 7") });
    // triage needs reject thresholds, which this version has none of
    expect(runCli(["triage", "apply", "--project", "Rules"], box.databaseUrl)).toMatchObject({ code: 1, stderr: expect.stringContaining("has no reject thresholds") });
  });

  it("creates an API token, shows its secret once, stores only its hash, and revokes it", async () => {
    const { authenticateToken } = await import("@/lib/server/auth/api-tokens");
    const box = await cliSandbox();
    runCli(["users", "add", "--email", "pipe@example.org", "--role", "lead"], box.databaseUrl);
    const made = runCli(["tokens", "create", "--email", "pipe@example.org", "--name", "nightly", "--scope", "write"], box.databaseUrl);
    expect(made.code).toBe(0);
    const secret = made.stdout.trim().split("\n").pop()!;
    expect(secret).toMatch(/^hlw_[\w-]{40,}$/);
    await usingDb(box.databaseUrl, async (db) => {
      expect(await authenticateToken(`Bearer ${secret}`, db)).toMatchObject({ scope: "write", user: { email: "pipe@example.org", role: "lead" } });
      expect(await db.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "ApiToken" WHERE "tokenHash" = ${secret}`)).toEqual({ n: 0 });
      expect(runCli(["tokens", "create", "--email", "pipe@example.org", "--name", "x", "--scope", "admin"], box.databaseUrl)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("read or write"),
      });
      expect(runCli(["tokens", "revoke", "--id", "1"], box.databaseUrl).code).toBe(0);
      await expect(authenticateToken(`Bearer ${secret}`, db)).rejects.toThrow("This API token was revoked.");
    });
  });
});

describe("cli db", () => {
  it("lists pending migrations on a new database, applies them, then says it is up to date", async () => {
    const box = await cliSandbox();
    const before = runCli(["db", "status", "--json"], box.databaseUrl);
    expect(before.code).toBe(2);
    const pending = (JSON.parse(before.stdout) as { applied: unknown[]; pending: string[] }).pending;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]).toMatch(/baseline/);
    expect(runCli(["db", "migrate"], box.databaseUrl).stdout).toMatch(/^Applied .*baseline/);
    const after = runCli(["db", "status"], box.databaseUrl);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/Up to date/);
    expect(after.stdout.match(/^applied /gm)).toHaveLength(pending.length);
  });
});

describe("cli backup + restore", () => {
  it("backs a database up and restores it into another, and refuses to restore over rows", async () => {
    const from = await cliSandbox();
    const into = await cliSandbox();
    runCli(["demo", "--out", from.file("a.jsonl"), "--users", "10", "--seed", "b1"], from.databaseUrl);
    expect(runCli(["import", from.file("a.jsonl"), "--project", "Pilot", "--json"], from.databaseUrl).code).toBe(0);
    const backup = runCli(["backup", from.file("pilot.backup.gz")], from.databaseUrl);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Wrote .*pilot\.backup\.gz: \d+ tables, [\d,]+ rows/);
    const restore = runCli(["restore", from.file("pilot.backup.gz")], into.databaseUrl);
    expect(restore.stderr).toMatch(/restored Artifact: 90 rows/);
    expect(restore.code).toBe(0);
    const artifacts = async (url: string) => usingDb(url, (d) => d.one(row({ n: col.int }), sql`SELECT count(*) AS "n" FROM "Artifact"`));
    expect(await artifacts(into.databaseUrl)).toEqual(await artifacts(from.databaseUrl));
    const again = runCli(["restore", from.file("pilot.backup.gz")], into.databaseUrl);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error: Restore needs an empty database/);
  });
});
