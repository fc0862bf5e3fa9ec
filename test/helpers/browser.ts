import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `End-to-end tests need Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get update && apt-get install -y chromium\` ` +
        "(or point CHROMIUM_PATH at a Chromium binary). Playwright's own browser download is not used.",
    );
  }
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function login(page: Page, baseURL: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Launches Chromium before the file's tests and closes it after; returns a getter for it. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** Opens a project's review screen and waits until it listens to keys: the verdict bar is rendered on the server before that. */
export async function openReview(page: Page, baseURL: string, projectId: number): Promise<void> {
  await page.goto(`${baseURL}/review/${projectId}`);
  await page.locator("[data-testid=review-workbench][data-keys=ready]").waitFor();
}
