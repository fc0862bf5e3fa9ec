import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PROJECT } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

describe("adjudication", () => {
  it("lets a lead settle a disputed artifact of the demo project from the review keys, nothing preselected, and names what was recorded", async () => {
    const page = await (await chromium().newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page
      .getByTestId("project-card")
      .filter({ hasText: DEMO_PROJECT })
      .getByRole("link", { name: /Adjudicate/ })
      .click();
    await page.locator("[data-testid=adjudication-workbench][data-keys=ready]").waitFor();
    const count = page.getByTestId("disputed-count");
    const before = Number((await count.textContent())!.match(/\d+/)![0]);
    expect(before).toBeGreaterThan(0);
    expect(await page.getByTestId("verdict-card").count()).toBeGreaterThanOrEqual(2);

    // the list says what kind of split each case is, widest first
    const labels = await page.getByTestId("dispute").allTextContents();
    expect(labels[0]).toMatch(/(accept vs reject|edit vs reject|accept vs edit|edits differ|split) .*\d+ verdicts/);
    const order = ["accept vs reject", "edit vs reject", "accept vs edit", "edits differ"];
    const spreads = labels.map((l) => order.findIndex((o) => l.includes(o))).filter((i) => i >= 0);
    expect([...spreads].sort((x, y) => x - y)).toEqual(spreads);

    // nothing is chosen, and the decision button is in view without scrolling
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    const button = page.getByRole("button", { name: /Record the decision/ });
    expect(await button.isDisabled()).toBe(true);
    const box = (await button.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(900);

    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    await page.keyboard.press("Escape");
    const href = (await page.locator("[data-testid=dispute][aria-current=page]").getAttribute("href"))!;
    const id = decodeURIComponent(href.split("a=")[1]);
    await page.keyboard.press("r");
    expect(await page.getByRole("radio", { name: /Reject/ }).isChecked()).toBe(true);
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await page.getByTestId("recorded").textContent()) ?? "", { timeout: 15_000 }).toContain(`Recorded: ${id} rejected (hallucination) by ${lead.email}`);
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
