import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { col, row, serverDb, sql } from "../helpers/e2e-db";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

describe("project settings", () => {
  it("lets a lead change the review settings, with a clear error for an impossible value, and assign annotators", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    const name = `E2E settings ${Date.now()}`;
    const upload = await context.request.post(`${baseURL}/api/imports?project=${encodeURIComponent(name)}`, { headers: { origin: baseURL }, data: '{"type":"user","uid":"u1","platform":"reddit"}\n' });
    const { projectId } = await upload.json();

    await page.goto(`${baseURL}/projects/${projectId}/settings`);
    await page.getByLabel("Verdicts per artifact (overlap)").fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByTestId("settings-form").textContent()).toContain("At least one verdict per artifact");

    await page.getByLabel("Verdicts per artifact (overlap)").fill("3");
    await page.getByLabel(/Blind mode/).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByTestId("settings-message").textContent()).toBe("Settings saved.");
    // the form says it is saved, and that it is not once a field changes
    const formState = page.getByTestId("settings-message-state");
    await expect.poll(() => formState.textContent()).toMatch(/^Saved \d\d?:\d\d( [AP]M)? ✓$/);
    await page.getByLabel(/Calibration first/).check();
    await expect.poll(() => formState.textContent()).toBe("Unsaved changes");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => formState.textContent()).toMatch(/^Saved/);

    await page.getByTestId("members-form-annotator").getByLabel("annotator@demo.local").check();
    await page.getByRole("button", { name: "Save annotators" }).click();
    await expect.poll(() => page.getByTestId("members-message-annotator").textContent()).toBe("1 annotator assigned.");

    const saved = await serverDb().one(
      row({ overlap: col.int, blindMode: col.bool, members: col.int }),
      sql`SELECT "overlap", "blindMode", (SELECT COUNT(*) FROM "ProjectMember" m WHERE m."projectId" = p."id") AS "members" FROM "Project" p WHERE p."id" = ${projectId}`,
    );
    expect(saved).toEqual({ overlap: 3, blindMode: true, members: 2 }); // the lead who created it by importing, and the annotator
    expect((await serverDb().one(row({ on: col.bool }), sql`SELECT "calibrationFirst" AS "on" FROM "Project" WHERE "id" = ${projectId}`)).on).toBe(true);

    // a prompt template with a placeholder its task does not fill is refused; a good one is version 2
    const story = page.getByTestId("template-story");
    await story.locator("textarea").fill("Tell the story of {persona}.");
    await story.getByRole("button", { name: "Save as a new version" }).click();
    await expect.poll(() => story.textContent()).toContain("Unknown placeholder {persona}");
    await story.locator("textarea").fill("Setting: {background}\nPeople: {characters}\nTell what happens next.");
    await story.getByRole("button", { name: "Save as a new version" }).click();
    await expect.poll(() => page.getByTestId("template-message-story").textContent()).toBe("Saved as version 2; the next split version uses it.");
    await page.goto(`${baseURL}/projects/${projectId}/settings`);
    // archived, it leaves the project list (its data stays) until it is restored
    await page.getByRole("button", { name: "Archive this project…" }).click();
    await page.getByRole("button", { name: `Archive ${name}` }).click();
    await expect.poll(() => page.getByTestId("archive-message").textContent()).toContain("is archived");
    await page.goto(`${baseURL}/`);
    expect(await page.getByTestId("project-card").filter({ hasText: name }).count()).toBe(0);
    await page.getByTestId("archived-link").click();
    await page.waitForURL(/archived=1/);
    expect(await page.getByTestId("project-card").filter({ hasText: name }).count()).toBe(1);
    await page.goto(`${baseURL}/projects/${projectId}/settings`);
    await page.getByRole("button", { name: `Restore ${name}` }).click();
    await expect.poll(() => page.getByTestId("archive-message").textContent()).toContain("is restored");
    await page.goto(`${baseURL}/`);
    expect(await page.getByTestId("project-card").filter({ hasText: name }).count()).toBe(1);
    await context.close();
  });
});

describe("progress dashboard", () => {
  it("shows the demo project's counts by kind and platform and a chart over time", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.getByTestId("project-card").filter({ hasText: "HumanLLM demo" }).getByRole("link", { name: "Progress" }).click();
    await page.getByRole("heading", { name: /progress/ }).waitFor();
    // the heading comes at once; the counts follow, with a loading state until they do
    await page.getByRole("img", { name: "Verdicts per day and artifacts final over time" }).waitFor();
    expect(await page.getByTestId("page-loading").count()).toBe(0);
    // bars stand at their dates: x grows with the day, by the same step per day
    const bars = await page.locator("svg rect[data-day]").evaluateAll((rs) => rs.map((r) => ({ day: r.getAttribute("data-day")!, x: Number(r.getAttribute("x")) })));
    expect(bars.length).toBeGreaterThan(1);
    const perDay = (bars[1].x - bars[0].x) / ((Date.parse(bars[1].day) - Date.parse(bars[0].day)) / 86_400_000);
    for (const b of bars) expect(b.x - bars[0].x).toBeCloseTo((perDay * (Date.parse(b.day) - Date.parse(bars[0].day))) / 86_400_000, 3);
    expect(await page.getByTestId("table-kind").locator("tbody tr").count()).toBe(10);
    expect(await page.getByTestId("table-platform").locator("tbody tr").count()).toBe(4);
    await context.close();
  });
});
