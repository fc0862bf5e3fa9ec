import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const chromium = useChromium();

describe("admin", () => {
  it("creates an account, ends its session by deactivating it, and finds both in the audit log", async () => {
    const adminContext = await chromium().newContext();
    const page = await adminContext.newPage();
    await login(page, baseURL, admin.email, admin.password);
    await page.getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("heading", { name: "Accounts" }).waitFor();

    const email = `e2e-${Date.now()}@example.org`;
    const form = page.getByTestId("new-account");
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByTestId("new-account-message").textContent()).toMatch(`Created annotator ${email}`);
    const password = (await page.getByTestId("secret").textContent())!.trim();
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

    // the new annotator signs in in a browser of their own
    const theirs = await chromium().newContext();
    const them = await theirs.newPage();
    await login(them, baseURL, email, password);
    await expect.poll(() => them.getByTestId("whoami").textContent()).toContain(email);

    const row = page.locator(`[data-testid=account-row][data-email="${email}"]`);
    await row.getByRole("button", { name: "Deactivate…" }).click();
    await row.getByRole("button", { name: `Deactivate ${email}` }).click();
    await expect.poll(() => row.getByTestId("active-message").textContent()).toMatch(/is deactivated; their sessions and API tokens stopped working/);

    // their open session stops at the next request
    await them.goto(`${baseURL}/`);
    await them.waitForURL(/\/login/);

    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByTestId("audit-filters").getByLabel("Action").selectOption("account.");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=account\./);
    const rows = page.getByTestId("audit-row");
    await expect.poll(() => rows.first().textContent()).toContain("account.deactivated");
    expect(await rows.filter({ hasText: "account.created" }).filter({ hasText: email }).count()).toBe(1);
    // the entity by name, the change as a readable list that wraps inside the page
    const deactivated = rows.filter({ hasText: "account.deactivated" }).first();
    expect(await deactivated.getByTestId("audit-entity").textContent()).toMatch(new RegExp(`^Account ${email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(\\d+\\)`));
    expect(await deactivated.getByTestId("audit-change").textContent()).toMatch(/active: true → false|active:.*false/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await theirs.close();
    await adminContext.close();
  });

  it("creates a personal API token shown once, which the pipeline can use until it is revoked", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, admin.email, admin.password);
    await page.goto(`${baseURL}/account/tokens`);
    const name = `e2e pipeline ${Date.now()}`;
    await page.getByLabel("What it is for").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect.poll(() => page.getByTestId("new-token-message").textContent()).toMatch(/Copy it now; it is not shown again/);
    const secret = (await page.getByTestId("secret").textContent())!.trim();
    const rules = () => fetch(`${baseURL}/api/v1/projects/1/rules/current`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await rules()).status).toBe(200);

    await page.reload(); // the secret is gone; the row stays
    expect(await page.getByTestId("secret").count()).toBe(0);
    const row = page.getByTestId("token-row").filter({ hasText: name });
    await row.getByRole("button", { name: "Revoke…" }).click();
    await row.getByRole("button", { name: `Revoke "${name}"` }).click();
    await expect.poll(() => row.textContent()).toMatch(/revoked \d{4}-\d\d-\d\d/); // the row now says when, instead of the button
    const refused = await rules();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthenticated", message: "This API token was revoked." } });
    await context.close();
  });
});
