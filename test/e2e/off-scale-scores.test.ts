import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { login, openReview, useChromium } from "../helpers/browser";
import { col, exec, row, serverDb, sql } from "../helpers/e2e-db";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
const PROJECT = `E2E off-scale scores ${Date.now()}`;
const chromium = useChromium();

/** One social_qa artifact whose judge gave leakage 0, as the pipeline's judges do. */
function batch(): string {
  const uid = "reddit:e2e_off_scale";
  return [
    { type: "user", uid, platform: "reddit" },
    { type: "post", id: "reddit:t3_off_scale", uid, platform: "reddit", kind: "submission", created_at: "2020-01-01T10:00:00Z", text: "I ran the river loop this morning." },
    {
      type: "artifact",
      id: "a-off-scale",
      uid,
      kind: "social_qa",
      flavor: "why",
      source_post_ids: ["reddit:t3_off_scale"],
      content: { scenario: "PersonA ran the river loop.", question: "Why does PersonA run?", answer: "Because the loop clears PersonA's head." },
      judge: { model: "Qwen2.5-72B-Instruct", scores: { hallucination: 9, coverage: 9, fidelity: 9, novelty: 9, leakage: 0, overall: 9 } },
    },
  ]
    .map((l) => JSON.stringify(l))
    .join("\n");
}

describe("a judge score off the 1-10 scale", () => {
  it("is shown as given on the review screen, and the items table finds it with its outcome", async () => {
    const leadContext = await chromium().newContext();
    const leadPage = await leadContext.newPage();
    await login(leadPage, baseURL, lead.email, lead.password);
    const res = await leadContext.request.post(`${baseURL}/api/imports?project=${encodeURIComponent(PROJECT)}&file=off-scale.jsonl`, { headers: { origin: baseURL }, data: batch() });
    expect(res.status()).toBe(200);
    const projectId = (await res.json()).projectId as number;

    await leadPage.goto(`${baseURL}/projects/${projectId}/items?judged=off_scale`);
    const rows = leadPage.getByRole("table", { name: "Artifacts" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("out of range");
    await expect.poll(() => leadPage.getByTestId("filter-chip").allTextContents()).toEqual(["a score off the 1-10 scale×"]);
    await leadContext.close();

    const { id } = await serverDb().one(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "email" = ${annotator.email}`);
    await exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${id}, ${new Date()})`);
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, annotator.email, annotator.password);
    await openReview(page, baseURL, projectId);
    const judge = page.getByTestId("judge");
    await expect.poll(() => page.getByTestId("score-off-scale").textContent()).toBe("leakage 0 (off the 1-10 scale)");
    expect(await judge.getByTestId("rule-outcome").textContent()).toContain("a score is off the 1-10 scale, so no rule decides: people do");
    await context.close();
  });
});
