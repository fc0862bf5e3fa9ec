import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PROJECT } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const chromium = useChromium();

describe("signing in", () => {
  it("sends a visitor without a session to the login page", async () => {
    const page = await chromium().newPage();
    await page.goto(`${baseURL}/import`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("refuses a wrong password with a message", async () => {
    const page = await chromium().newPage();
    await page.goto(`${baseURL}/login`);
    await page.getByLabel("Email").fill("lead@demo.local");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("login-error").textContent()).toContain("Wrong email or password");
    await page.close();
  });

  for (const role of ["admin", "lead", "annotator"] as const) {
    it(`lets the demo ${role} in to see the demo project, with the navigation of the role`, async () => {
      const context = await chromium().newContext();
      const page = await context.newPage();
      await login(page, baseURL, account(role).email, account(role).password);
      expect(await page.getByTestId("whoami").textContent()).toContain(role);
      const card = page.getByTestId("project-card").filter({ hasText: DEMO_PROJECT });
      expect(await card.count()).toBe(1);
      expect(await card.textContent()).toMatch(/of \d+ final/);
      const importLinks = await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).count();
      expect(importLinks).toBe(role === "annotator" ? 0 : 1);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await page.goto(`${baseURL}/`);
      expect(new URL(page.url()).pathname).toBe("/login");
      await context.close();
    });
  }
});

describe("redirects after signing in", () => {
  for (const callbackUrl of ["/%5Chost/x", "/%09/host", "//host/x", "https://host/x"]) {
    it(`stay on the site for callbackUrl=${callbackUrl}`, async () => {
      const context = await chromium().newContext();
      const page = await context.newPage();
      await page.goto(`${baseURL}/login?callbackUrl=${callbackUrl}`);
      await page.getByLabel("Email").fill(account("lead").email);
      await page.getByLabel("Password").fill(account("lead").password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login") || url.origin !== new URL(baseURL).origin);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
      // signed in now, the login page sends the visitor on by a server redirect: the same rule holds
      const again = await page.goto(`${baseURL}/login?callbackUrl=${callbackUrl}`);
      expect(new URL(again!.url()).origin).toBe(new URL(baseURL).origin);
      await context.close();
    });
  }
});

describe("the guard", () => {
  it("answers 401 to an API call without a session", async () => {
    const res = await fetch(`${baseURL}/api/imports?project=x`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in first." } });
  });

  it("answers 403 to an annotator, on the page and on the API", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, account("annotator").email, account("annotator").password);
    const response = await page.goto(`${baseURL}/import`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("403");
    const api = await context.request.post(`${baseURL}/api/imports?project=x`, { headers: { origin: baseURL }, data: "{}" });
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe("forbidden");
    await context.close();
  });

  it("answers 422 with the field's problem to a lead's bad input", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, account("lead").email, account("lead").password);
    const api = await context.request.post(`${baseURL}/api/imports?project=%20`, { headers: { origin: baseURL }, data: "{}" });
    expect(api.status()).toBe(422);
    expect((await api.json()).error.message).toContain("Choose a project or name a new one");
    await context.close();
  });
});
