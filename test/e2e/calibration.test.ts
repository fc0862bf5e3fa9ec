import { describe, expect, inject, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { DEMO_ACCOUNTS, DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { count, sql } from "../helpers/e2e-db";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

describe("calibration", () => {
  it("shows a lead how the judge does against people's labels, with charts, and saves a proposal as the next rule set", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    // a project with enough labels: a demo batch carrying the demo colleagues' verdicts
    const batch = [...generateDemoBatch({ users: 150, seed: "e2e-calibration", annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n");
    const query = new URLSearchParams({ project: `E2E calibration ${Date.now()}`, assign: DEMO_COLLEAGUES.join(",") });
    const upload = await context.request.post(`${baseURL}/api/imports?${query}`, { headers: { origin: baseURL }, data: batch });
    expect(upload.status()).toBe(200);
    const { projectId } = await upload.json();

    await page.goto(`${baseURL}/projects/${projectId}/calibration`);
    await page.getByRole("heading", { name: /calibration of the LLM judge/ }).waitFor();
    const cards = page.locator("[data-testid^=calibration-]");
    expect(await cards.count()).toBeGreaterThan(3);
    expect(await page.getByRole("img", { name: /Threshold sweep of overall/ }).count()).toBeGreaterThan(3);
    expect(await page.getByRole("table", { name: /Rule against people/ }).count()).toBe(await cards.count());
    // the kinds at the top, each with its state, link to their sections
    const ready = page.getByTestId("kind-state").filter({ hasText: "a proposal" }).first();
    const href = (await ready.getByRole("link").getAttribute("href"))!;
    expect(await page.locator(`[id="${href.slice(1)}"]`).count()).toBe(1);

    // another precision target: a new calibration run, its report in place of the last
    await page.getByLabel("Precision target for automatic decisions").fill("0.9");
    await page.getByRole("button", { name: "Recalibrate" }).click();
    await expect.poll(() => page.getByTestId("recompute-message").textContent()).toBe("Calibrated at precision 0.9.");
    await expect.poll(() => page.getByTestId("labels-as-of").textContent()).toMatch(/at precision 0\.9\./);
    expect(await count(sql`SELECT COUNT(*) FROM "CalibrationRun" WHERE "projectId" = ${projectId} AND "status" = 'succeeded'`)).toBe(2);

    const form = page.getByTestId("save-proposals");
    await form.getByRole("button", { name: "Save version 2" }).click();
    await expect.poll(() => page.getByTestId("save-proposals-message").textContent()).toMatch(/^Saved rule set version 2 \(/);

    const current = await count(sql`SELECT r."version" FROM "RuleSet" r JOIN "Project" p ON p."currentRuleSetId" = r."id" WHERE p."id" = ${projectId}`);
    expect(current).toBe(2);
    await page.reload();
    await expect.poll(() => page.getByText(/Rule set version 2 against/).count()).toBe(1);

    // the dashboard previews what triage with version 2 would do
    await page.goto(`${baseURL}/projects/${projectId}/dashboard`);
    await expect.poll(() => page.getByTestId("triage-summary").textContent()).toMatch(/rule set v2 would have decided \d+ alone/);
    await expect.poll(() => page.getByRole("img", { name: "Open artifacts by triage route, rule set v2" }).count()).toBe(1);

    // applying it asks first, then a runner of its own lets the rules decide the sure ones while the page follows it
    await page.getByRole("button", { name: "Apply triage with v2…" }).click();
    await page.getByRole("button", { name: "Apply triage", exact: true }).click();
    await expect.poll(() => page.getByTestId("triage-message").textContent()).toMatch(/^(Triage started; its progress shows below\.|Triage finished: what it did is below\.)$/);
    await expect
      .poll(
        () =>
          page
            .getByTestId("triage-run-result")
            .textContent({ timeout: 1000 })
            .catch(() => ""),
        { timeout: 30_000 },
      )
      .toMatch(/^Triage with v2 \([\d-]+ [\d:]+\): [\d,]+ decided by the rules, [\d,]+ left for an audit, [\d,]+ for people, most uncertain first in the queue\.$/);
    const byRules = await count(sql`SELECT COUNT(*) FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "decidedBy" = 'rules'`);
    expect(byRules).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("triage-outcome").textContent()).toMatch(new RegExp(`Applied so far: [\\d,]+ accepted and [\\d,]+ rejected by the rules`));
    // the button's message does not say it started once the run is over
    await expect.poll(() => page.getByTestId("triage-message").textContent()).toBe("Triage finished: what it did is below.");
    await context.close();
  });

  it("says so on a project with too few labels", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.getByTestId("project-card").filter({ hasText: "HumanLLM demo" }).getByRole("link", { name: "Calibration" }).click();
    await page.getByRole("heading", { name: /calibration of the LLM judge/ }).waitFor();
    expect(await page.getByTestId("too-few").count()).toBeGreaterThan(0);
    // each kind's state in a line at the top
    const states = await page.getByTestId("kind-state").allTextContents();
    expect(states.some((s) => /^[\w &·]+: \d+ of 30 labels needed$/.test(s))).toBe(true);
    await context.close();
  });
});
