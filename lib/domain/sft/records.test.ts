import { describe, expect, it } from "vitest";
import { userRecords, type FinalArtifact } from "./records";
import { DEFAULT_TEMPLATES, renderTemplate, SFT_TASKS, templateProblem } from "./templates";

const base = { uid: "reddit:u1", platform: "reddit", flavor: null, postIds: ["p2"] };
const artifacts: FinalArtifact[] = [
  { ...base, id: "persona", kind: "persona", content: { text: "PersonA is a nurse who runs." }, postIds: ["p1", "p2", "p3"] },
  { ...base, id: "profile", kind: "profile", content: { text: "Demographics: a nurse in Leeds." }, postIds: ["p1", "p2", "p3"] },
  { ...base, id: "qa", kind: "social_qa", flavor: "why", content: { scenario: "A race.", question: "Why run?", answer: "To clear the head." } },
  { ...base, id: "thoughts", kind: "thoughts", content: { background: "After a shift.", characters: { PersonA: "a nurse" }, thoughts: "I need a run." } },
  { ...base, id: "summary", kind: "summary", content: { text: "A hilly run and a sore knee." } },
];
const posts = [
  { id: "p3", createdAt: "2020-03-01T00:00:00.000+00:00", text: "Third post." },
  { id: "p1", createdAt: "2020-01-01T00:00:00.000+00:00", text: "First post." },
  { id: "p2", createdAt: "2020-02-01T00:00:00.000+00:00", text: "I ran a hilly loop and my knee hurts." },
];

describe("userRecords", () => {
  const records = userRecords(DEFAULT_TEMPLATES, artifacts, posts);

  it("makes one record per supported task with platform.task sources", () => {
    expect(records.map((r) => r.source)).toEqual(["reddit.profile_from_persona", "reddit.social_qa_why", "reddit.thoughts", "reddit.writing_imitation"]);
  });

  it("writes chat records whose roles alternate user, assistant, with provenance kept", () => {
    for (const r of records) {
      expect(r.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
      expect(r.messages.every((m) => m.content.length > 0)).toBe(true);
      expect(r.uid).toBe("reddit:u1");
    }
    expect(records[0]).toMatchObject({
      artifact_ids: ["persona", "profile"],
      messages: [{ content: expect.stringContaining("PersonA is a nurse who runs.") }, { content: "Demographics: a nurse in Leeds." }],
    });
    expect(records[1].messages[1].content).toBe("To clear the head.");
    expect(records[2].messages[0].content).toContain("PersonA: a nurse");
  });

  it("imitates writing from the earlier posts and the summary, the post itself as the answer", () => {
    const w = records[3];
    expect(w.messages[0].content).toContain("- First post.");
    expect(w.messages[0].content).not.toContain("Third post.");
    expect(w.messages[1].content).toBe("I ran a hilly loop and my knee hurts.");
    expect(w.post_ids).toEqual(["p1", "p2"]);
  });

  it("skips persona-conditioned profile records when no persona was accepted", () => {
    expect(
      userRecords(
        DEFAULT_TEMPLATES,
        artifacts.filter((a) => a.kind !== "persona"),
        posts,
      ).map((r) => r.source),
    ).not.toContain("reddit.profile_from_persona");
  });
});

describe("renderTemplate", () => {
  it("fills placeholders and empties unknown ones", () => {
    expect(renderTemplate("{a} and {b} and {zzz}", { a: "x", b: "y" })).toBe("x and y and ");
  });
});

describe("templateProblem", () => {
  it("accepts the defaults and refuses empty templates and placeholders the task does not fill", () => {
    for (const task of SFT_TASKS) expect(templateProblem(task, DEFAULT_TEMPLATES[task])).toBeNull();
    expect(templateProblem("story", "  ")).toBe("A template cannot be empty.");
    expect(templateProblem("story", "Write about {background} and {persona} and {persona}")).toBe("Unknown placeholder {persona}; story fills {background}, {characters}.");
    expect(templateProblem("scenario", "{x} {y}")).toMatch(/^Unknown placeholders \{x\}, \{y\};/);
    expect(templateProblem("thoughts", "x".repeat(5000))).toMatch(/under 4,000 characters/);
  });
});
