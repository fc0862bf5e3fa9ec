import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { login, openReview, useChromium } from "../helpers/browser";
import { col, exec, row, serverDb, sql } from "../helpers/e2e-db";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
const PROJECT = `E2E review screen ${Date.now()}`;
const ZONE = "America/Los_Angeles";
const chromium = useChromium();

/** Three social_qa artifacts of one Reddit user. */
function batch(): string {
  const uid = "reddit:e2e_screen";
  const lines: object[] = [{ type: "user", uid, platform: "reddit" }];
  for (let i = 0; i < 3; i++) {
    const id = `reddit:t3_screen${i}`;
    lines.push({ type: "post", id, uid, platform: "reddit", kind: "submission", created_at: `2020-0${i + 1}-01T10:00:00Z`, title: `Run ${i}`, text: `I ran loop number ${i} along the river.` });
    lines.push({
      type: "artifact",
      id: `a-screen-${i}`,
      uid,
      kind: "social_qa",
      flavor: "why",
      source_post_ids: [id],
      content: { scenario: `PersonA finished run ${i}.`, question: "Why does PersonA keep running?", answer: `Because running loop ${i} clears PersonA's head every morning.` },
      judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 8, fidelity: 9, novelty: 7, leakage: 8, overall: 8 }, explanation: "judge-note" },
    });
  }
  return lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
}

/** The checks' project: a social_qa artifact with a real name and support in a post it does not cite, an email, and a writing_style one. */
function checksBatch(): string {
  const uid = "reddit:e2e_checks";
  return [
    { type: "user", uid, platform: "reddit" },
    { type: "post", id: "reddit:t3_checks_cited", uid, platform: "reddit", kind: "submission", created_at: "2020-01-01T10:00:00Z", text: "I ran the river loop this morning and my knee hurts." },
    {
      type: "post",
      id: "reddit:t3_checks_other",
      uid,
      platform: "reddit",
      kind: "comment",
      created_at: "2020-02-01T10:00:00Z",
      text: "My sister Maria Lopez baked sourdough bread with me on Sunday.",
    },
    {
      type: "artifact",
      id: "a-checks-1",
      uid,
      kind: "social_qa",
      flavor: "why",
      source_post_ids: ["reddit:t3_checks_cited"],
      content: {
        scenario: "PersonA ran the river loop and hurt a knee.",
        question: "Why did Maria Lopez call PersonA?",
        answer: "Because Maria Lopez baked sourdough bread with PersonA on Sunday. Write to maria@example.com for the recipe.",
      },
      judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 9, fidelity: 9, novelty: 9, leakage: 9, overall: 9 } },
    },
    {
      type: "artifact",
      id: "a-checks-2",
      uid,
      kind: "writing_style",
      source_post_ids: ["reddit:t3_checks_cited"],
      content: { text: "Writes in short, punchy sentences full of exclamation marks and trail slang about gear and weather." },
    },
  ]
    .map((l) => JSON.stringify(l))
    .join("\n");
}

let checksProjectId: number;
let context: BrowserContext;
let page: Page;
let projectId: number;

const progress = () => page.getByTestId("review-progress").textContent();
const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;

beforeAll(async () => {
  const leadContext = await chromium().newContext();
  const leadPage = await leadContext.newPage();
  await login(leadPage, baseURL, lead.email, lead.password);
  const res = await leadContext.request.post(`${baseURL}/api/imports?project=${encodeURIComponent(PROJECT)}&file=screen.jsonl`, { headers: { origin: baseURL }, data: batch() });
  expect(res.status()).toBe(200);
  projectId = (await res.json()).projectId;
  const checks = await leadContext.request.post(`${baseURL}/api/imports?project=${encodeURIComponent(`${PROJECT} checks`)}&file=checks.jsonl`, { headers: { origin: baseURL }, data: checksBatch() });
  expect(checks.status()).toBe(200);
  checksProjectId = (await checks.json()).projectId;
  await leadContext.close();
  const { id } = await serverDb().one(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "email" = ${annotator.email}`);
  for (const p of [projectId, checksProjectId]) {
    await exec(sql`UPDATE "Project" SET "overlap" = 1, "goldRate" = 0 WHERE "id" = ${p}`);
    await exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${p}, ${id}, ${new Date()})`);
  }
  // a reader in California: the lease's end and "today" are in their time
  context = await chromium().newContext({ viewport: { width: 1400, height: 900 }, timezoneId: ZONE, locale: "en-US" });
  page = await context.newPage();
  await login(page, baseURL, annotator.email, annotator.password);
});

describe("the review screen tells the annotator where they are", () => {
  it("shows the project, what they did today and in all, what is left for them, and the lease's end in their local time with a countdown", async () => {
    await openReview(page, baseURL, projectId);
    expect(await page.getByTestId("review-header").textContent()).toContain(PROJECT);
    await expect.poll(progress).toMatch(/0\s*done today.*0\s*in total.*3\s*left for you/);

    const { expiresAt } = await serverDb().one(row({ expiresAt: col.date }), sql`SELECT "expiresAt" FROM "Lease" WHERE "projectId" = ${projectId} AND "releasedAt" IS NULL`);
    const local = new Date(expiresAt).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", timeZone: ZONE });
    const lease = page.getByTestId("lease");
    expect(await lease.textContent()).toContain(`Lease until ${local}`);
    expect(await lease.textContent()).toMatch(/\(\d+:\d\d left\)/);
    const first = await lease.textContent();
    await expect.poll(() => lease.textContent(), { timeout: 5000 }).not.toBe(first); // it ticks

    await page.keyboard.press("a");
    await page.keyboard.press("Enter");
    await expect.poll(progress).toMatch(/1\s*done today.*1\s*in total.*2\s*left for you/);
  });

  it("keeps the artifact's frame in edit mode: header, judge and marks stay, fields read as words, and a one-word change is one word in the diff", async () => {
    await openReview(page, baseURL, projectId);
    await page.keyboard.press("e");
    const answer = page.locator("[data-edit-field=answer]");
    await answer.waitFor();
    const section = page.getByRole("region", { name: "Edit the artifact" });
    expect(await section.getByTestId("artifact-kind").textContent()).toContain("social Q&A");
    expect(await section.getByTestId("judge").textContent()).toContain("judge-note");
    expect(await section.getByTestId("field-answer").textContent()).toContain("clears PersonA's head"); // the original, with its marks
    expect(await section.textContent()).toContain("Answer");
    expect(await answer.getAttribute("aria-labelledby")).toBe("label-answer");

    const text = await answer.inputValue();
    await answer.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(text.replace("clears", "calms"));
    const diff = page.getByTestId("edit-diff");
    expect(await diff.locator("[data-diff=del]").allTextContents()).toEqual(["clears"]);
    expect(await diff.locator("[data-diff=ins]").allTextContents()).toEqual(["calms"]);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  });

  it("does not move the panes when a decision is chosen, reasons open or the Saved notice shows", async () => {
    await openReview(page, baseURL, projectId);
    const panes = ["section[aria-label=Artifact]", "[data-testid=verdict-bar]"];
    const before = await Promise.all(panes.map(box));
    await page.keyboard.press("r");
    expect(await Promise.all(panes.map(box))).toEqual(before);
    await page.keyboard.press("Escape");
    await page.keyboard.press("a");
    expect(await Promise.all(panes.map(box))).toEqual(before);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain("Saved: accept");
    expect(await Promise.all(panes.map(box))).toEqual(before);
  });

  it("undoes the verdict that emptied the queue by key", async () => {
    await openReview(page, baseURL, projectId);
    while (!(await page.getByTestId("empty-queue").count())) {
      const done = (await progress())!;
      await page.keyboard.press("a");
      await page.keyboard.press("Enter");
      await expect.poll(progress).not.toBe(done);
    }
    await page.keyboard.press("u");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain("Undone");
    await page.getByTestId("verdict-bar").waitFor();
    await expect.poll(progress).toMatch(/1\s*left for you/);
  });
});

describe("the review screen's checks", () => {
  it("tells support in an uncited post from none, links to that post, finds real names in every post, lists each check once, and says pass only where none failed", async () => {
    await openReview(page, baseURL, checksProjectId);
    const checks = page.getByTestId("checks");
    expect(await checks.locator("[data-check=leaked_name]").textContent()).toContain('"Maria Lopez" (2×) in Question, Answer');
    expect(await checks.locator("[data-check=leaked_name]").textContent()).toContain("reason: pii");
    expect(await checks.locator("[data-check=pii]").textContent()).toContain("maria@example.com");
    expect(await checks.locator("li").count()).toBe(await checks.locator("li").evaluateAll((lis) => new Set(lis.map((l) => l.getAttribute("data-check"))).size));
    // the sourdough sentence is supported by the comment the artifact does not cite
    expect(await page.locator("[data-elsewhere='reddit:t3_checks_other']").count()).toBeGreaterThan(0);
    await checks.getByTestId("show-post").click();
    expect(await page.locator("article[aria-current=true]").getAttribute("id")).toBe("post-reddit:t3_checks_other");
    expect(await page.getByTestId("rule-outcome").textContent()).not.toMatch(/: pass$/);
  });

  it("fixes a leaked name and personal data with a key each, in edit mode, with the reason the check suggests", async () => {
    await page.keyboard.press("x");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain('Replaced "Maria Lopez" with PersonB (2×)');
    expect(await page.locator("[data-edit-field=question]").inputValue()).toBe("Why did PersonB call PersonA?");
    expect(await page.getByRole("button", { name: /pii/ }).getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("d");
    await expect.poll(() => page.locator("[data-edit-field=answer]").inputValue()).toBe("Because PersonB baked sourdough bread with PersonA on Sunday. Write to [email address] for the recipe.");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain("Saved: edit");
    const { diffJson } = await serverDb().one(row({ diffJson: col.text }), sql`SELECT "diffJson" FROM "VerdictEvent" WHERE "projectId" = ${checksProjectId} AND "decision" = 'edit'`);
    expect(diffJson).toContain("[email address]");
  });

  it("does not mark a writing style's sentences as having no support", async () => {
    await expect.poll(() => page.getByTestId("artifact-kind").textContent()).toContain("writing style");
    expect(await page.locator("[data-unsupported]").count()).toBe(0);
    expect(await page.locator("[data-check=unsupported]").count()).toBe(0);
  });
});

describe("on a phone", () => {
  it("fits the header in 390 px with sign-out in reach, and stacks the posts above the artifact", async () => {
    const phone = await chromium().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await login(small, baseURL, annotator.email, annotator.password);
    await openReview(small, baseURL, projectId);
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const signOut = (await small.getByRole("button", { name: "Sign out" }).boundingBox())!;
    expect(signOut.x).toBeGreaterThanOrEqual(0);
    expect(signOut.x + signOut.width).toBeLessThanOrEqual(390);
    const posts = (await small.getByRole("region", { name: "Source posts" }).boundingBox())!;
    const artifact = (await small.getByRole("region", { name: "Artifact" }).boundingBox())!;
    expect(posts.y + posts.height).toBeLessThanOrEqual(artifact.y);
    expect(artifact.width).toBeGreaterThan(300);
    await small.getByRole("button", { name: "Sign out" }).click();
    await small.waitForURL((url) => url.pathname === "/login");
    await phone.close();
  });
});
