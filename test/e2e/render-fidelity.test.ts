import { describe, expect, inject, it } from "vitest";
import { orderedTextFields } from "@/lib/domain/highlights";
import type { ArtifactKind } from "@/lib/domain/kinds";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { col, row, serverDb, sql } from "../helpers/e2e-db";
import { login, useChromium } from "../helpers/browser";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();

function demoArtifacts() {
  return serverDb().many(
    row({ id: col.text, kind: col.text as unknown as import("zod").ZodType<ArtifactKind, string>, contentJson: col.text }),
    sql`SELECT "id", "kind", "contentJson" FROM "Artifact" WHERE "projectId" = 1 ORDER BY "id"`,
  );
}

describe("what reviewers see", () => {
  it("is the stored text byte for byte, with its highlights and evidence marks as spans over it, for every demo artifact", { timeout: 600_000 }, async () => {
    const artifacts = await demoArtifacts();
    expect(artifacts.length).toBeGreaterThan(20);
    // the demo writes real emails into some artifacts: sentence splitting once showed them as "name. x@example. com"
    expect(artifacts.some((a) => /[a-z]+\.[a-z]+\d\d@example\.com/.test(a.contentJson))).toBe(true);
    const context = await chromium().newContext();
    const page = await context.newPage();
    await login(page, baseURL, lead.email, lead.password);
    let compared = 0;
    for (const a of artifacts) {
      await page.goto(`${baseURL}/projects/1/items/${encodeURIComponent(a.id)}`);
      const shown = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-testid^="field-"]')].map((el) => [el.dataset.testid!.slice(6), el.textContent ?? ""])),
      );
      for (const { field, text } of orderedTextFields(a.kind, JSON.parse(a.contentJson))) {
        expect({ artifact: a.id, field, text: shown[field] }).toEqual({ artifact: a.id, field, text });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(artifacts.length);
    await context.close();
  });
});
