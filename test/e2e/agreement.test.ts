import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const chromium = useChromium();

describe("agreement dashboard", () => {
  it("shows an admin the demo project's agreement as charts, a pair heatmap and annotator quality, and opens an annotator's disagreements", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, admin.email, admin.password);
    await page.goto(`${baseURL}/projects/1/agreement`);
    await page.getByRole("heading", { name: /: agreement$/ }).waitFor();

    const overall = page.getByTestId("agreement-overall");
    await expect.poll(() => overall.textContent()).toMatch(/Krippendorff's α-?\d\.\d{3}95% -?\d\.\d{3} to -?\d\.\d{3} · [\d,]+ items/);
    for (const dim of ["kind", "platform", "week"]) {
      const chart = page.getByTestId(`agreement-chart-${dim}`);
      expect(await chart.getByRole("img").count()).toBe(1);
      expect(await chart.locator("circle").count()).toBeGreaterThan(0); // an estimate per slice
    }
    expect(await page.getByRole("img", { name: "Krippendorff's alpha by artifact kind" }).count()).toBe(1);
    expect(await page.getByTestId("pair-heatmap").locator("td[title*=' and ']").count()).toBeGreaterThan(1);
    expect(await page.getByTestId("label-pairs").locator("tbody tr").count()).toBeGreaterThan(1);
    const rows = page.getByTestId("quality-row");
    expect(await rows.count()).toBeGreaterThan(1);
    // the demo has gold: every annotator's gold accuracy shows
    for (const cell of await rows.locator("td:nth-child(5)").allTextContents()) expect(cell).toMatch(/^\d+% of \d+$/);
    // names are words, one per kind and platform, and no axis or figure reads "-0.0"
    const text = (await page.locator("main").textContent())!;
    expect(text).not.toMatch(/[-−]0\.0+(?!\d*[1-9])/);
    expect(text).not.toMatch(/writing_style|social_qa|behavior_story/);
    expect(await page.getByTestId("slice-table-kind").textContent()).toContain("social Q&A");

    await rows.first().getByRole("link").click();
    await page.waitForURL(/\/agreement\/disagreements\?annotator=\d+/);
    await page.getByRole("heading", { name: /disagreements of / }).waitFor();
    const found = await page.getByTestId("disagreement-row").count();
    const empty = await page.getByTestId("disagreements-empty").count();
    expect(found + empty).toBeGreaterThan(0);
    if (found) {
      // each verdict is coloured by its decision, with a legend
      await page.getByTestId("decision-legend").waitFor();
      const pill = page.getByTestId("disagreement-row").first().locator("li[data-decision]").first();
      const decision = (await pill.getAttribute("data-decision"))!;
      expect(await pill.getAttribute("class")).toContain({ accept: "bg-emerald-100", edit: "bg-amber-100", reject: "bg-rose-100" }[decision]!);
      await page.getByTestId("disagreement-row").first().getByRole("link").click();
      await page.getByRole("heading", { name: "Verdicts" }).waitFor();
    }
    await context.close();
  });
});
