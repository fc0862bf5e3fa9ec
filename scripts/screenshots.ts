// npm run screenshots -- [BASE_URL]: the README's screenshots (the review screen, adjudication and
// calibration) taken in Debian's Chromium from a running workbench with its demo data (npm start).
// A calibration project is imported first: the demo is too small to calibrate.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { DEMO_ACCOUNTS, DEMO_COLLEAGUES, DEMO_PROJECT } from "../lib/server/demo/seed-demo";
import { generateDemoBatch } from "../lib/domain/demo/generate";

const base = process.argv[2] ?? "http://localhost:3000";
const out = path.resolve("docs/screenshots");
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

async function login(page: Page, role: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(account(role).email);
  await page.getByLabel("Password").fill(account(role).password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function projectId(page: Page, name: string): Promise<number> {
  const hrefs = await page
    .getByTestId("project-card")
    .filter({ hasText: name })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const id = hrefs.map((h) => /\/(?:review|projects|adjudicate)\/(\d+)/.exec(h)?.[1]).find(Boolean);
  if (!id) throw new Error(`no link to project ${name} on the home page`);
  return Number(id);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
fs.mkdirSync(out, { recursive: true });
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(out, name) });
  console.log(`docs/screenshots/${name}`);
};

// the review screen, an annotator in edit mode with a change made
const annotator = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await login(annotator, "annotator");
const demo = await projectId(annotator, DEMO_PROJECT);
await annotator.goto(`${base}/review/${demo}`);
await annotator.locator("[data-testid=review-workbench][data-keys=ready]").waitFor();
await shot(annotator, "review.png");

// adjudication, a lead choosing a reject with a reason
const lead = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await login(lead, "lead");
await lead.goto(`${base}/adjudicate/${demo}`);
await lead.locator("[data-testid=adjudication-workbench][data-keys=ready]").waitFor();
await lead.keyboard.press("r");
await lead.keyboard.press("1");
await shot(lead, "adjudication.png");

// calibration, on a project large enough to calibrate
const name = `Calibration showcase ${new Date().toISOString().slice(0, 10)}`;
const batch = [...generateDemoBatch({ users: 150, seed: "screenshots", annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n");
const query = new URLSearchParams({ project: name, assign: DEMO_COLLEAGUES.join(",") });
const upload = await lead.context().request.post(`${base}/api/imports?${query}`, { headers: { origin: base }, data: batch });
if (!upload.ok()) throw new Error(`the calibration batch did not import: HTTP ${upload.status()}`);
const { projectId: calibrated } = (await upload.json()) as { projectId: number };
await lead.goto(`${base}/projects/${calibrated}/calibration`);
await lead.getByTestId("kinds-nav").waitFor();
await lead.setViewportSize({ width: 1400, height: 1200 });
await shot(lead, "calibration.png");
await browser.close();
