import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const chromium = useChromium();
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;

function expectStaticHeaders(h: Headers) {
  expect(h.get("x-frame-options")).toBe("DENY");
  expect(h.get("x-content-type-options")).toBe("nosniff");
  expect(h.get("referrer-policy")).toBe("same-origin");
}

describe("security headers", () => {
  it("come with every page (a Content-Security-Policy with a fresh nonce) and every API answer", async () => {
    const policies = [];
    for (let i = 0; i < 2; i++) {
      const page = await fetch(`${baseURL}/login`);
      expectStaticHeaders(page.headers);
      const csp = page.headers.get("content-security-policy")!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      // Next's own inline scripts carry it
      expect(await page.text()).toContain(`nonce="${nonce}"`);
      policies.push(csp);
    }
    expect(policies[0]).not.toBe(policies[1]);
    for (const answer of [await fetch(`${baseURL}/api/v1/openapi.json`), await fetch(`${baseURL}/api/review/1/next`, { method: "POST" })]) {
      expectStaticHeaders(answer.headers);
      // data, never a page: nothing loads or runs from an API answer
      expect(answer.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });

  it("leave the app working: pages hydrate and nothing the app itself does is refused by the policy", async () => {
    const context = await chromium().newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await login(page, baseURL, lead.email, lead.password);
    await page.getByTestId("project-card").first().getByRole("link", { name: "Items" }).click();
    await page.getByRole("heading", { name: /items/ }).waitFor();
    await page.goto(`${baseURL}/review/1`);
    await page.getByRole("region", { name: "Source posts" }).or(page.getByTestId("empty-queue")).first().waitFor();
    expect(refused).toEqual([]);
    await context.close();
  });
});
