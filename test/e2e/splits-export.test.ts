import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

describe("splits and exports", () => {
  it("lets a lead make a split of the demo project, export it and download the files", async () => {
    const context = await chromium().newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.getByTestId("project-card").filter({ hasText: "HumanLLM demo" }).getByRole("link", { name: "Splits & exports" }).click();
    await page.getByRole("heading", { name: /splits & exports/ }).waitFor();

    // ratios that do not add up are refused with the reason, and nothing is made
    await page.getByLabel("test ratio").fill("0.5");
    await page.getByRole("button", { name: "Make the split" }).click();
    await expect.poll(() => page.getByTestId("new-split-form").textContent()).toContain("must add up to 1");
    expect(await page.getByTestId("split-version").count()).toBe(0);

    await page.getByLabel("test ratio").fill("0.1");
    await page.getByRole("button", { name: "Make the split" }).click();
    await expect.poll(() => page.getByTestId("split-message").textContent()).toMatch(/^Version 1: train \d+/);
    await expect.poll(() => page.getByTestId("split-version").count()).toBe(1);

    // a demo-sized test set is under the minimum: the page says so before the export…
    expect(await page.getByTestId("export-warnings-before").textContent()).toMatch(/test has \d+ artifacts, under the 100/);
    await page.getByRole("button", { name: "Export v1" }).click();
    await expect.poll(() => page.getByTestId("run-status").first().textContent(), { timeout: 60_000, interval: 500 }).toBe("succeeded");
    // the button's message follows the run to its end, and every file shows its real size
    await expect.poll(() => page.getByTestId("version-message").textContent()).toMatch(/^Export of v1 finished .*: \d+ files to download below\.$/);
    const sizes = await page.getByTestId("export-run").first().locator("li span").allTextContents();
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const size of sizes) expect(size).toMatch(/^\d+(\.\d)? (bytes|KB|MB|GB)$/);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "train.jsonl" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("train.jsonl");
    const text = await (await context.request.get(`${baseURL}${await page.getByRole("link", { name: "train.jsonl" }).getAttribute("href")}`)).text();
    const lines = text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((r) => r.messages[0].role === "user" && r.messages[1].role === "assistant")).toBe(true);
    const card = await (await context.request.get(`${baseURL}${await page.getByRole("link", { name: "README.md" }).getAttribute("href")}`)).text();
    expect(card).toContain("HumanLLM demo");
    // …and after it, on the page and in the dataset card
    const after = (await page.getByTestId("export-warnings-after").first().textContent())!;
    expect(after).toMatch(/test has \d+ records, under the 100/);
    expect(card).toMatch(/## Warnings\n\n- test has \d+ records, under the 100/);

    // a freeze asks first, then runs
    await page.getByRole("button", { name: "Freeze v1…" }).click();
    await page.getByRole("button", { name: "Freeze version 1" }).click();
    await expect.poll(() => page.getByTestId("split-version").first().textContent(), { timeout: 60_000, interval: 500 }).toContain("frozen");

    // annotators may not download exports
    const annotator = DEMO_ACCOUNTS.find((a) => a.role === "annotator")!;
    const other = await chromium().newContext();
    const p2 = await other.newPage();
    await login(p2, baseURL, annotator.email, annotator.password);
    const href = (await page.getByRole("link", { name: "train.jsonl" }).first().getAttribute("href"))!;
    expect((await other.request.get(`${baseURL}${href}`)).status()).toBe(403);
    await other.close();
    await context.close();
  });
});
