import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { launchChromium, login } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  await login(page, baseURL, lead.email, lead.password);
});
afterAll(async () => {
  await browser?.close();
});

async function upload(project: string, name: string, text: string) {
  await page.goto(`${baseURL}/import`);
  await page.getByLabel("Project", { exact: true }).selectOption({ label: "New project…" });
  await page.getByLabel("New project name").fill(project);
  await page.getByLabel("Batch file (.jsonl)").setInputFiles({ name, mimeType: "application/x-ndjson", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Import" }).click();
}

const user = { type: "user", uid: "twitter:e2e1", platform: "twitter" };
const tweet = { type: "post", id: "twitter:991", uid: "twitter:e2e1", platform: "twitter", kind: "tweet", created_at: "2020-05-01T08:00:00Z", text: "Ran 10k today." };

describe("the import page", () => {
  it("lists every bad line of a bad file and imports nothing", async () => {
    const name = `bad-${Date.now()}.jsonl`;
    await upload("E2E bad upload", name, [JSON.stringify(user), "{oops", JSON.stringify({ ...tweet, uid: "twitter:nobody" })].join("\n"));
    const list = page.getByTestId("bad-lines");
    await list.waitFor();
    const text = await list.textContent();
    expect(text).toContain(`${name}:2: invalid JSON`);
    expect(text).toContain(`${name}:3: post "twitter:991" refers to user "twitter:nobody"`);
    expect(await page.getByTestId("import-failed").textContent()).toContain("2 bad lines");
  });

  it("imports a good file into a new project and shows the summary", async () => {
    const project = `E2E upload ${Date.now()}`;
    await upload(project, "good.jsonl", [JSON.stringify(user), JSON.stringify(tweet)].join("\n") + "\n");
    const summary = page.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/new users\s*1.*new posts\s*1/);
    // the summary leads to what was imported
    await summary.getByRole("link", { name: "See its items" }).click();
    await page.waitForURL(/\/projects\/\d+\/items/);
    expect(await page.locator("h1").first().textContent()).toContain(project);
    await page.goto(`${baseURL}/`);
    expect(await page.getByTestId("project-card").filter({ hasText: project }).count()).toBe(1);
  });

  it("opens the import format inside the app", async () => {
    await page.goto(`${baseURL}/import`);
    await page.getByRole("link", { name: "the import format" }).click();
    await page.waitForURL(`${baseURL}/import/format`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("The import format");
    expect(await page.getByTestId("doc").locator("table").count()).toBeGreaterThan(2);
    expect(await page.getByTestId("doc").locator("code").first().textContent()).toBeTruthy();
  });
});
