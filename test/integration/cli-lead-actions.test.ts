import { describe, expect, it } from "vitest";
import { cliSandbox, runCli } from "../helpers/run-cli";

// Every lead action from the command line, as a release script runs them, on a database of its own.

describe("cli: a lead's actions", () => {
  it("creates a project, sets it up, calibrates, triages, splits, freezes, and refuses bad input with what to do", async () => {
    const box = await cliSandbox();
    const cli = (...args: string[]) => runCli(args, box.databaseUrl, box.dir);
    const json = (r: { code: number | null; stdout: string; stderr: string }) => {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };

    expect(json(cli("projects", "create", "Release", "--overlap", "2", "--blind-mode", "yes"))).toMatchObject({ name: "Release", settings: { overlap: 2, blindMode: true } });
    expect(cli("projects", "create", "Release")).toMatchObject({ code: 1, stderr: expect.stringContaining('A project named "Release" exists already') });
    expect(json(cli("projects", "set", "--project", "Release", "--lease-minutes", "30", "--description", "v1 data"))).toMatchObject({
      description: "v1 data",
      settings: { overlap: 2, blindMode: true, leaseMinutes: 30 },
    });
    expect(cli("projects", "set", "--project", "Release", "--overlap", "0")).toMatchObject({ code: 1, stderr: "error: overlap: At least one verdict per artifact\n" });
    expect(cli("projects", "set", "--project", "Release", "--blind-mode", "maybe")).toMatchObject({ code: 1, stderr: expect.stringContaining("must be yes or no") });

    for (const who of ["ann1", "ann2"]) expect(cli("users", "add", "--email", `${who}@example.org`, "--role", "annotator").code).toBe(0);
    expect(cli("members", "add", "--project", "Release", "--role", "annotator", "--emails", "ann1@example.org,ghost@example.org")).toMatchObject({
      code: 1,
      stderr: "error: ghost@example.org has no account.\n",
    });
    expect(cli("members", "add", "--project", "Release", "--role", "annotator", "--emails", "ann1@example.org,ann2@example.org")).toMatchObject({
      code: 0,
      stdout: "Release has 2 annotators: ann1@example.org, ann2@example.org\n",
    });
    expect(cli("demo", "--out", box.file("d.jsonl"), "--users", "120", "--seed", "cli-lead", "--annotators", "ann1@example.org,ann2@example.org").code).toBe(0);
    expect(cli("import", box.file("d.jsonl"), "--project", "Release").code).toBe(0);
    const shown = json(cli("projects", "show", "--project", "Release"));
    expect(shown.artifacts.total).toBeGreaterThan(1000);

    const waiting = json(cli("disputes", "--project", "Release", "--json", "--limit", "3"));
    expect(waiting.total).toBe(shown.artifacts.disputed);
    expect(waiting.disputes).toHaveLength(3);
    expect(cli("disputes", "--project", "Release").stdout).toContain(`${shown.artifacts.disputed} disputed artifacts wait for a lead`);
    const artifact = waiting.disputes[0].id;
    expect(cli("gold", "--project", "Release", "--artifact", artifact, "--answer", "reject")).toMatchObject({ code: 0, stdout: `${artifact} is gold: the right answer is reject.\n` });
    expect(cli("gold", "--project", "Release", "--artifact", artifact, "--answer", "maybe")).toMatchObject({ code: 1, stderr: expect.stringContaining("Choose accept, reject or not gold") });

    expect(cli("triage", "apply", "--project", "Release")).toMatchObject({ code: 1, stderr: expect.stringContaining("has no reject thresholds: calibrate and save a version first") });
    const calibrated = cli("calibration", "run", "--project", "Release", "--target", "0.9");
    expect(calibrated.code).toBe(0);
    const save = /Save them with: cli calibration save --project "Release" --run (\d+) --keys (\S+)/.exec(calibrated.stdout);
    expect(save).not.toBeNull();
    const report = json(cli("calibration", "report", "--project", "Release"));
    expect(report).toMatchObject({ runId: Number(save![1]), target: 0.9, freshness: { stale: false } });
    const rules = json(cli("calibration", "save", "--project", "Release", "--run", save![1], "--keys", save![2], "--note", "from the cli"));
    expect(rules).toMatchObject({ project: "Release", version: 2, note: "from the cli" });
    expect(rules.changes.map((c: { key: string }) => c.key)).toEqual(save![2].split(","));
    expect(json(cli("triage", "preview", "--project", "Release"))).toMatchObject({ ruleSetVersion: 2, calibrated: true });
    expect(cli("triage", "apply", "--project", "Release")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Rule set v2: \d+ auto-accepted, \d+ auto-rejected/) });

    expect(cli("splits", "list", "--project", "Release").stdout).toContain('has no split version yet; make one with: cli splits make --project "Release"');
    expect(cli("splits", "make", "--project", "Release", "--train", "0.5")).toMatchObject({ code: 1, stderr: "error: validation: Give all three ratios, or none for 0.8/0.1/0.1\n" });
    expect(cli("splits", "make", "--project", "Release", "--train", "2")).toMatchObject({ code: 1, stderr: expect.stringContaining("must be a number from 0 to 1") });
    expect(cli("splits", "make", "--project", "Release")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Made version 1 \(seed v1, ratios 0\.8\/0\.1\/0\.1\): train \d+ artifacts/) });
    expect(cli("splits", "make", "--project", "Release", "--seed", "s2", "--train", "0.7", "--validation", "0.15", "--test", "0.15").stdout).toMatch(
      /^Made version 2 \(seed s2, ratios 0\.7\/0\.15\/0\.15\)/,
    );
    const frozen = cli("splits", "freeze", "--project", "Release", "--version", "2");
    expect(frozen).toMatchObject({ code: 0, stdout: expect.stringContaining('Froze version 2 of "Release": train.jsonl') });
    expect(cli("splits", "freeze", "--project", "Release", "--version", "2")).toMatchObject({ code: 1, stderr: "error: Version 2 is already frozen.\n" });
    const versions = json(cli("splits", "list", "--project", "Release", "--json")).versions;
    expect(versions.map((v: { version: number; status: string }) => `${v.version} ${v.status}`)).toEqual(["2 frozen", "1 draft"]);
    expect(cli("projects", "show", "--project", "Nope")).toMatchObject({ code: 1, stderr: 'error: No project is called "Nope".\n' });

    // webhooks from the command line: the secret on stdout, once
    expect(cli("webhooks", "add", "--project", "Release", "--url", "ftp://x", "--events", "split.frozen")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("A webhook URL starts with https://"),
    });
    expect(cli("webhooks", "add", "--project", "Release", "--url", "https://93.184.215.14/w", "--events", "split.frozen,nope")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("An event is one of batch.imported"),
    });
    const added = cli("webhooks", "add", "--project", "Release", "--url", "https://93.184.215.14/w", "--events", "split.frozen,rules.published");
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^whsec_\S+\n$/) });
    const listed = json(cli("webhooks", "list", "--project", "Release", "--json")).endpoints;
    expect(listed).toMatchObject([{ url: "https://93.184.215.14/w", events: ["split.frozen", "rules.published"] }]);
    expect(JSON.stringify(listed)).not.toContain(added.stdout.trim());
    expect(cli("webhooks", "remove", "--project", "Release", "--id", String(listed[0].id))).toMatchObject({ code: 0, stdout: "Deleted https://93.184.215.14/w: nothing more is sent to it.\n" });
    expect(cli("webhooks", "list", "--project", "Release").stdout).toContain("has no webhook endpoint");
  }, 120_000);
});

describe("cli import-humanllm", () => {
  it("imports the pipeline's own files, says what it skipped, and refuses a broken or unknown directory with file:line problems", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const box = await cliSandbox();
    const cli = (...args: string[]) => runCli(args, box.databaseUrl, box.dir);
    const ok = cli("import-humanllm", "test/fixtures/humanllm", "--project", "Pipeline");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("Read test/fixtures/humanllm: 4 users, 14 posts, 17 artifacts.");
    expect(ok.stdout).toContain('Imported into "Pipeline": 4 users, 14 posts, 17 artifacts new; 0 unchanged; 0 conflicts.');
    expect(ok.stdout).toContain(
      "Skipped generations that answered NULL: reddit/scenario_question_answer_from_single_blog(medium_high) 1, reddit/users_profile_v2(medium_high) 1, blogger/users_scenario_question_answer_from_single_blog_emphasizereason_v2(use_quality_high) 1, blogger/users_sing_long_story(use_quality_high) 1.",
    );
    expect(ok.stdout).toContain(
      "Posts the pipeline did not generate for (SKIP, or past its max_post): blogger/users_scenario_question_answer_from_single_blog_emphasizereason_v2(use_quality_high) 1, blogger/users_sing_long_story(use_quality_high) 1.",
    );
    expect(ok.stdout).toContain("Left alone, the pipeline's own (4): reddit/raw_data/,");
    expect(ok.stdout).toContain("  reddit/users_persona_v2(medium_high): 1 file, 1 artifact, 1 judged\n");
    // the whole account as JSON: per stage, what was left alone, skipped and imported
    const json = cli("import-humanllm", "test/fixtures/humanllm", "--project", "Pipeline JSON", "--json");
    expect(json.code).toBe(0);
    const account = JSON.parse(json.stdout);
    expect(account).toMatchObject({ ok: true, problems: [], imported: { users: 4, posts: 14, artifacts: 17 } });
    expect(account.read.stages["blogger/users_sing_long_story(use_quality_high)"]).toEqual({ files: 1, artifacts: 1, judged: 1 });
    expect(account.read.notAsked["blogger/users_sing_long_story(use_quality_high)"]).toBe(1);
    expect(account.read.leftAlone).toContain("blogger/by_users/");
    expect(ok.stdout).toContain("Amazon reviews of a product raw_data gives no title for (titled by the product id): 1.");

    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "humanllm-cli-"));
    fs.cpSync("test/fixtures/humanllm", broken, { recursive: true });
    fs.appendFileSync(path.join(broken, "twitter/clean_data/2001.json"), "{oops\n");
    const refused = cli("import-humanllm", broken, "--project", "Broken");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^twitter\/clean_data\/2001\.json:4: not JSON \(syntax error at column 2\)$/m);
    expect(refused.stderr).toContain(`${broken}: 1 problem; nothing was imported.`);
    const unknown = cli("import-humanllm", box.dir, "--project", "Nothing");
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining("is not a HumanLLM data directory") });
  }, 60_000);
});
