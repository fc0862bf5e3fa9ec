import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { col, count, row, serverDb, sql } from "../helpers/e2e-db";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

describe("items table", () => {
  it("filters, sorts and pages the demo project's artifacts, opens one with its verdicts and marks it gold", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.getByTestId("project-card").filter({ hasText: "HumanLLM demo" }).getByRole("link", { name: "Items" }).click();
    await page.getByRole("heading", { name: /items/ }).waitFor();
    const rows = page.getByRole("table", { name: "Artifacts" }).locator("tbody tr");
    expect(await rows.count()).toBe(50);

    // next page, then a filter: both change the URL and the rows come from the server
    const firstId = await rows.first().locator("td").first().textContent();
    await page.getByRole("button", { name: "Next ›" }).click();
    await page.waitForURL(/after=/);
    await expect.poll(() => rows.first().locator("td").first().textContent()).not.toBe(firstId);
    await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "disputed" }).click();
    await page.waitForURL(/status=disputed/);
    await expect.poll(async () => new Set(await page.getByRole("table", { name: "Artifacts" }).locator("tbody tr td:nth-child(4)").allTextContents())).toEqual(new Set(["disputed"]));
    const disputed = await count(sql`SELECT COUNT(*) FROM "ArtifactState" WHERE "projectId" = 1 AND "status" = 'disputed'`);
    expect(await page.getByTestId("table-range").textContent()).toContain(`of ${disputed}`);

    // sort by the lowest judge score, worst first
    await page.getByRole("button", { name: /Lowest/ }).click();
    await page.waitForURL(/sort=judgeMin/);

    // open the first row: the evidence, every verdict, and the gold form
    const id = (await rows.first().locator("td").first().textContent())!;
    await rows.first().getByRole("link").click();
    await page.getByRole("heading", { name: id }).waitFor();
    expect(await page.getByTestId("history-entry").count()).toBeGreaterThanOrEqual(2);
    await page.getByLabel("Gold: the right answer is reject").check();
    await page.getByRole("button", { name: "Save gold mark" }).click();
    await expect.poll(() => page.getByTestId("gold-message").textContent()).toBe("Marked as gold: the right answer is reject.");

    const gold = await serverDb().one(row({ isGold: col.bool, goldDecision: col.text.nullable() }), sql`SELECT "isGold", "goldDecision" FROM "Artifact" WHERE "projectId" = 1 AND "id" = ${id}`);
    const audit = await count(sql`SELECT COUNT(*) FROM "AuditEvent" WHERE "action" = 'artifact.gold_set' AND "entityId" = ${id}`);
    expect(gold).toEqual({ isGold: true, goldDecision: "reject" });
    expect(audit).toBe(1);
    await context.close();
  });

  it("shows the match count and the active filters at the top, each removable", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.goto(`${baseURL}/projects/1/items?kind=persona,profile&platform=reddit`);
    const chips = page.getByTestId("filter-chip");
    await expect.poll(() => chips.allTextContents()).toEqual(["kind: persona×", "kind: profile×", "platform: Reddit×"]);
    const matching = (kinds: string[]) => count(sql`SELECT COUNT(*) FROM "Artifact" WHERE "projectId" = 1 AND "kind" = ANY(${kinds}::text[]) AND "platform" = 'reddit'`);
    expect(await page.getByTestId("match-count").textContent()).toBe(`${await matching(["persona", "profile"])} match`);
    await page.getByRole("button", { name: "Remove the filter kind: persona" }).click();
    await page.waitForURL((url) => url.searchParams.get("kind") === "profile");
    await expect.poll(() => chips.allTextContents()).toEqual(["kind: profile×", "platform: Reddit×"]);
    expect(await page.getByTestId("match-count").textContent()).toBe(`${await matching(["profile"])} match`);
    await context.close();
  });

  it("says what is wrong with a filter it cannot read", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.goto(`${baseURL}/projects/1/items?kind=poem`);
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "cannot be read" }).textContent()).toContain("kind is one of");
    await context.close();
  });
});
