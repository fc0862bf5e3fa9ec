import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { login, openReview, useChromium } from "../helpers/browser";
import { count, exec, sql } from "../helpers/e2e-db";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
const chromium = useChromium();

const SCRIPT = "<script>window.__xss = 'script'</script>";
const IMG = `<img src="x" onerror="window.__xss = 'img'">`;
const PAYLOAD = `${SCRIPT}${IMG}`;
const stamp = Date.now();
const PROJECT = `XSS ${stamp} ${IMG}`;
const FILE = `batch-${stamp}-${IMG}.jsonl`;

/** A batch whose every kind of text carries script and event-handler payloads; one artifact leaks an email. */
function batch(): string {
  const uid = `reddit:xss_${stamp}`;
  const post = `reddit:t3_xss_${stamp}`;
  const artifact = (id: string, answer: string) => ({
    type: "artifact",
    id,
    uid,
    kind: "social_qa",
    flavor: "why",
    source_post_ids: [post],
    content: { scenario: `PersonA reads ${PAYLOAD} on a forum.`, question: "Why does PersonA post?", answer },
    judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 8, fidelity: 9, novelty: 7, leakage: 8, overall: 8 }, explanation: `judge says ${PAYLOAD}` },
  });
  const verdict = (id: string, who: string, decision: string, extra: object = {}) => ({ type: "verdict", artifact_id: id, annotator: who, decision, created_at: "2026-11-20T10:00:00Z", ...extra });
  return [
    { type: "user", uid, platform: "reddit", meta: { bio: PAYLOAD } },
    {
      type: "post",
      id: post,
      uid,
      platform: "reddit",
      kind: "submission",
      created_at: "2020-01-01T10:00:00Z",
      title: `Title ${PAYLOAD}`,
      text: `I read ${PAYLOAD} today.`,
      meta: { subreddit: IMG, score: 3 },
    },
    artifact(`a-xss-1risky-${stamp}`, "Write to maria.lopez77@example.com about it."),
    artifact(`a-xss-2plain-${stamp}`, `Because ${PAYLOAD} was funny.`),
    artifact(`a-xss-3disputed-${stamp}`, "Because the forum was quiet."),
    verdict(`a-xss-3disputed-${stamp}`, DEMO_COLLEAGUES[0], "accept", { comment: `fine ${PAYLOAD}` }),
    verdict(`a-xss-3disputed-${stamp}`, DEMO_COLLEAGUES[1], "reject", { reasons: ["generic"], comment: `bad ${PAYLOAD}` }),
  ]
    .map((l) => JSON.stringify(l))
    .join("\n");
}

async function expectInert(page: Page, mustShow: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(await page.locator("body").textContent()).toContain(mustShow);
}

describe("untrusted text", () => {
  it("stays inert on every screen (posts, artifacts, judge notes, comments, adjudication notes, project and file names), and a risky accept asks first", async () => {
    const leadContext = await chromium().newContext();
    const leadPage = await leadContext.newPage();
    await login(leadPage, baseURL, lead.email, lead.password);
    const query = new URLSearchParams({ project: PROJECT, file: FILE, assign: [annotator.email, DEMO_COLLEAGUES[0], DEMO_COLLEAGUES[1]].join(",") });
    const upload = await leadContext.request.post(`${baseURL}/api/imports?${query}`, { headers: { origin: baseURL }, data: batch() });
    expect(upload.status()).toBe(200);
    const { projectId } = (await upload.json()) as { projectId: number };
    await exec(sql`UPDATE "Project" SET "goldRate" = 0 WHERE "id" = ${projectId}`);

    // the annotator: the risky accept needs a second Enter that names the check
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, annotator.email, annotator.password);
    await openReview(page, baseURL, projectId);
    await expectInert(page, PAYLOAD);
    expect(await page.getByTestId("artifact-kind").locator("xpath=..").textContent()).toContain(`a-xss-1risky-${stamp}`);
    await page.keyboard.press("a");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain("failed the check for personal data");
    const verdicts = () => count(sql`SELECT COUNT(*) FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "source" = 'review'`);
    expect(await verdicts()).toBe(0);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain("over the failed check for personal data");
    expect(await verdicts()).toBe(1);

    // the next artifact: a reject with a comment that carries the payloads
    await expect.poll(() => page.getByTestId("artifact-kind").locator("xpath=..").textContent()).toContain(`a-xss-2plain-${stamp}`);
    await expectInert(page, `Because ${PAYLOAD} was funny.`);
    await page.keyboard.press("r");
    await page.keyboard.press("1");
    await page.keyboard.press("c");
    await page.keyboard.type(`comment ${PAYLOAD}`);
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => page.getByTestId("review-message").textContent()).toContain("Saved: reject");
    await context.close();

    // the lead: adjudicates the disputed one with a note carrying the payloads, through the page's own route
    const adjudicated = await leadContext.request.post(`${baseURL}/api/adjudicate/${projectId}`, {
      headers: { origin: baseURL },
      data: { adjudication: { artifactId: `a-xss-3disputed-${stamp}`, decision: "accept", note: `note ${PAYLOAD}` } },
    });
    expect(adjudicated.status()).toBe(200);

    for (const [path, shown] of [
      ["/", PROJECT],
      ["/import", FILE],
      [`/projects/${projectId}/items?overrides=yes`, `a-xss-1risky-${stamp}`],
      [`/projects/${projectId}/items/${encodeURIComponent(`a-xss-1risky-${stamp}`)}`, "accepted over the failed check for personal data"],
      [`/projects/${projectId}/items/${encodeURIComponent(`a-xss-2plain-${stamp}`)}`, `comment ${PAYLOAD}`],
      [`/projects/${projectId}/items/${encodeURIComponent(`a-xss-3disputed-${stamp}`)}`, `note ${PAYLOAD}`],
      [`/projects/${projectId}/settings`, PROJECT],
      [`/adjudicate/${projectId}`, PROJECT],
    ] as const) {
      await leadPage.goto(`${baseURL}${path}`);
      await expectInert(leadPage, shown);
    }
    // only the risky one is listed as an override
    await leadPage.goto(`${baseURL}/projects/${projectId}/items?overrides=yes`);
    const rows = await leadPage.getByRole("table", { name: "Artifacts" }).locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(1);
    await leadContext.close();
  });
});
