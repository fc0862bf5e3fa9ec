import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PROJECT } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

describe("adjudication", () => {
  it("lets a lead settle a disputed artifact of the demo project with a reject and a note", async () => {
    const page = await (await chromium().newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page
      .getByTestId("project-card")
      .filter({ hasText: DEMO_PROJECT })
      .getByRole("link", { name: /Adjudicate/ })
      .click();
    const count = page.getByTestId("disputed-count");
    await count.waitFor();
    const before = Number((await count.textContent())!.match(/\d+/)![0]);
    expect(before).toBeGreaterThan(0);
    expect(await page.getByTestId("verdict-card").count()).toBeGreaterThanOrEqual(2);

    await page.getByRole("radio", { name: "Reject" }).check();
    await page.getByRole("group", { name: "Reasons" }).getByRole("button", { name: "hallucination" }).click();
    await page.getByLabel("Note (kept with the decision)").fill("Unsupported claim in the second sentence.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(async () => Number(((await count.textContent()) ?? "").match(/\d+/)?.[0])).toBe(before - 1);
  });

  it("is not for annotators", async () => {
    const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, annotator.email, annotator.password);
    expect((await page.goto(`${baseURL}/adjudicate/1`))?.status()).toBe(403);
    expect((await context.request.post(`${baseURL}/api/adjudicate/1`, { headers: { origin: baseURL }, data: { adjudication: {} } })).status()).toBe(403);
    await context.close();
  });
});
