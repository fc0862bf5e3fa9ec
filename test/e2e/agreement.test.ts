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

    await rows.first().getByRole("link").click();
    await page.waitForURL(/\/agreement\/disagreements\?annotator=\d+/);
    await page.getByRole("heading", { name: /disagreements of / }).waitFor();
    const found = await page.getByTestId("disagreement-row").count();
    const empty = await page.getByTestId("disagreements-empty").count();
    expect(found + empty).toBeGreaterThan(0);
    if (found) {
      await page.getByTestId("disagreement-row").first().getByRole("link").click();
      await page.getByRole("heading", { name: "Verdicts" }).waitFor();
    }
    await context.close();
  });
});
