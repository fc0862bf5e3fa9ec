import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { launchChromium, login, openReview } from "../helpers/browser";
import { col, exec, row, serverDb, sql } from "../helpers/e2e-db";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
const PROJECT = `E2E review ${Date.now()}`;
const XSS_SCRIPT = "<script>window.__xss = 1</script>";
const XSS_IMG = '<img src="x" onerror="window.__xss = 2">';

/** Six social_qa artifacts of one Reddit user, whose posts carry script and image-handler payloads. */
function batch(): string {
  const uid = "reddit:e2e_reviewer";
  const lines: object[] = [{ type: "user", uid, platform: "reddit" }];
  for (let i = 0; i < 6; i++) {
    const id = `reddit:t3_e2e${i}`;
    lines.push({
      type: "post",
      id,
      uid,
      platform: "reddit",
      kind: "submission",
      created_at: `2020-0${i + 1}-01T10:00:00Z`,
      title: `Run ${i}`,
      text: i === 0 ? `I ran a hilly loop today ${XSS_SCRIPT} and my knee hurts ${XSS_IMG}` : `I ran loop number ${i} along the river and felt great.`,
      meta: { subreddit: "running", score: 10 + i },
    });
    lines.push({
      type: "artifact",
      id: `a-e2e-${i}`,
      uid,
      kind: "social_qa",
      flavor: "why",
      source_post_ids: [id],
      content: { scenario: `PersonA finished run ${i}.`, question: "Why does PersonA keep running?", answer: `Because running loop ${i} clears PersonA's head.` },
      judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 8, fidelity: 9, novelty: 7, leakage: 8, overall: 8 }, explanation: "judge-explanation-visible" },
    });
  }
  return lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let projectId: number;

const events = () =>
  serverDb().many(
    row({ artifactId: col.text, decision: col.text, reasonsJson: col.text, diffJson: col.text.nullable() }),
    sql`SELECT "artifactId", "decision", "reasonsJson", "diffJson" FROM "VerdictEvent" WHERE "projectId" = ${projectId} ORDER BY "id"`,
  );

async function shownArtifact(): Promise<string> {
  const text = await page.getByTestId("artifact-kind").locator("xpath=..").textContent();
  return /a-e2e-\d/.exec(text ?? "")?.[0] ?? "";
}

async function saved(text: string) {
  await expect.poll(() => page.getByTestId("review-message").textContent(), { timeout: 10_000 }).toContain(text);
}

beforeAll(async () => {
  browser = await launchChromium();
  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await login(leadPage, baseURL, lead.email, lead.password);
  const res = await leadContext.request.post(`${baseURL}/api/imports?project=${encodeURIComponent(PROJECT)}&file=e2e.jsonl`, { headers: { origin: baseURL }, data: batch() });
  expect(res.status()).toBe(200);
  projectId = (await res.json()).projectId;
  await leadContext.close();
  // project settings and assignments have no screen yet: arrange them in the database
  await exec(sql`UPDATE "Project" SET "overlap" = 1, "goldRate" = 0 WHERE "id" = ${projectId}`);
  const { id: annotatorId } = await serverDb().one(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "email" = ${annotator.email}`);
  await exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${annotatorId}, ${new Date()})`);
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await login(page, baseURL, annotator.email, annotator.password);
});

afterAll(async () => {
  await browser?.close();
});

describe("the review screen", () => {
  it("works from the keyboard alone: accept, edit with a diff, reject with reasons, skip, undo", async () => {
    await openReview(page, baseURL, projectId);
    expect(await page.getByTestId("judge").textContent()).toContain("judge-explanation-visible");

    const first = await shownArtifact();
    await page.keyboard.press("a");
    await page.keyboard.press("Enter");
    await saved("Saved: accept");

    const second = await shownArtifact();
    expect(second).not.toBe(first);
    await page.keyboard.press("e");
    await page.locator("[data-edit-field=scenario]").waitFor();
    await page.keyboard.type(" And the river is calm.");
    await page.keyboard.press("Escape");
    expect(await page.getByTestId("edit-diff").textContent()).toContain("And the river is calm.");
    await page.keyboard.press("4");
    await page.keyboard.press("Enter");
    await saved("Saved: edit");

    const third = await shownArtifact();
    await page.keyboard.press("r");
    await page.keyboard.press("1");
    await page.keyboard.press("6");
    await page.keyboard.press("Enter");
    await saved("Saved: reject");

    const fourth = await shownArtifact();
    await page.keyboard.press("s");
    await saved("Skipped");
    expect(await shownArtifact()).not.toBe(fourth);

    await page.keyboard.press("u");
    await saved("Undone");
    // the reject was the last verdict: its artifact is back for a new one
    expect(await shownArtifact()).toBe(third);

    const log = await events();
    expect(log.map((e) => [e.artifactId, e.decision])).toEqual([
      [first, "accept"],
      [second, "edit"],
      [third, "reject"],
      [third, "retract"],
    ]);
    expect(JSON.parse(log[1].diffJson!)[0]).toMatchObject({ field: "scenario", after: expect.stringContaining("And the river is calm.") });
    expect(JSON.parse(log[2].reasonsJson)).toEqual(["hallucination", "generic"]);
  });

  it("keeps an edit draft across a reload", async () => {
    await openReview(page, baseURL, projectId);
    await page.keyboard.press("e");
    await page.locator("[data-edit-field=scenario]").waitFor();
    await page.keyboard.type(" Draft words.");
    await page.reload();
    await page.locator("[data-testid=review-workbench][data-keys=ready]").waitFor();
    await page.locator("[data-edit-field=scenario]").waitFor();
    expect(await page.locator("[data-edit-field=scenario]").inputValue()).toContain("Draft words.");
    await page.keyboard.press("Escape"); // leaves the text field
    await page.keyboard.press("Escape"); // leaves edit mode
    await page.getByTestId("judge").waitFor();
  });

  it("renders payloads in posts as inert text", async () => {
    const text = await page.locator("body").textContent();
    expect(text).toContain(XSS_SCRIPT);
    expect(text).toContain(XSS_IMG);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("article img").count()).toBe(0);
  });

  it("hides the judge's scores in blind mode", async () => {
    await exec(sql`UPDATE "Project" SET "blindMode" = TRUE WHERE "id" = ${projectId}`);
    await openReview(page, baseURL, projectId);
    const judge = await page.getByTestId("judge").textContent();
    expect(judge).toContain("hidden");
    expect(judge).not.toContain("judge-explanation-visible");
    expect(await page.locator("body").textContent()).not.toContain("overall 8");
  });

  it("says when the queue is empty and shows the annotator's totals", async () => {
    await openReview(page, baseURL, projectId);
    for (let i = 0; i < 6; i++) {
      if (await page.getByTestId("empty-queue").count()) break;
      await page.keyboard.press("a");
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await page.getByTestId("review-message").textContent()) ?? "").toContain("Saved: accept");
    }
    const empty = page.getByTestId("empty-queue");
    await empty.waitFor();
    expect(await empty.textContent()).toMatch(/total\s*6/);
  });
});
