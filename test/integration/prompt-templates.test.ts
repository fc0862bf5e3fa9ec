import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { DEFAULT_TEMPLATES } from "@/lib/domain/sft/templates";
import { currentTemplates, saveTemplate } from "@/lib/server/projects/prompt-templates";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportSplitVersion } from "@/lib/server/splits/export-split-version";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";

const ratios = { train: 0.6, validation: 0.2, test: 0.2 };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "templates-"));
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), "utf8");

describe("prompt templates", () => {
  it("saves versions, refuses placeholders the task does not fill, and ignores an unchanged text", async () => {
    const { id: projectId } = await makeProject();
    expect((await currentTemplates(projectId)).find((t) => t.task === "story")).toMatchObject({ version: 1, isDefault: true, template: DEFAULT_TEMPLATES.story });
    expect(await saveTemplate({ projectId, task: "story", template: "Setting: {background}\nPeople: {characters}\nTell it." }, TEST_ACTOR)).toEqual({ version: 2, unchanged: false });
    expect(await saveTemplate({ projectId, task: "story", template: "Setting: {background}\r\nPeople: {characters}\r\nTell it." }, TEST_ACTOR)).toEqual({ version: 2, unchanged: true });
    await expect(saveTemplate({ projectId, task: "story", template: "About {persona}" }, TEST_ACTOR)).rejects.toThrow(/Unknown placeholder \{persona\}/);
    expect((await saveTemplate({ projectId, task: "story", template: "Again: {background} {characters}" }, TEST_ACTOR)).version).toBe(3);
    expect((await currentTemplates(projectId)).find((t) => t.task === "story")).toMatchObject({ version: 3, isDefault: false });
  });

  it("exports each split version with the templates it was made with, and shows them in the dataset card", async () => {
    const { id: projectId } = await makeProject();
    const [a, b] = [await makeAccount(), await makeAccount()];
    expect((await importText(projectId, jsonl([...generateDemoBatch({ users: 30, seed: "templates", annotators: [a.email, b.email] })]))).ok).toBe(true);
    const before = await createSplitVersion(projectId, { ratios, seed: "t" }, TEST_ACTOR);
    const first = tmp();
    const original = await exportSplitVersion(projectId, before.version, first);

    await saveTemplate({ projectId, task: "social_qa", template: "As {persona}, in this situation: {scenario}\nWhat would you say to: {question}" }, TEST_ACTOR);
    const again = tmp();
    expect((await exportSplitVersion(projectId, before.version, again)).files).toEqual(original.files);

    const after = await createSplitVersion(projectId, { ratios, seed: "t" }, TEST_ACTOR);
    const dir = tmp();
    await exportSplitVersion(projectId, after.version, dir);
    const records = ["train", "validation", "test"].flatMap((s) =>
      read(dir, `${s}.jsonl`)
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
    const qa = records.filter((r) => r.source.includes(".social_qa_"));
    expect(qa.length).toBeGreaterThan(0);
    expect(qa.every((r) => r.messages[0].content.startsWith("As "))).toBe(true);
    expect(read(dir, "README.md")).toContain("social_qa v2");
    expect(read(dir, "README.md")).toContain("What would you say to: {question}");
    expect(read(first, "README.md")).toContain("social_qa v1");
  });
});
