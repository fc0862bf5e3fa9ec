import { describe, expect, it } from "vitest";
import {
  answerOverlap,
  checkLength,
  contentFlags,
  findNames,
  findPii,
  flagKinds,
  flagsOf,
  highlightArtifact,
  highlightWithNames,
  importFlags,
  namesInPosts,
  orderedTextFields,
  textFields,
} from "./highlights";
import { generateDemoBatch } from "./demo/generate";
import type { ArtifactKind } from "./kinds";

const found = (text: string) => findPii(text).map((p) => [p.what, text.slice(p.start, p.end)]);

describe("findPii", () => {
  it("finds emails, URLs, phone numbers, handles and street addresses", () => {
    expect(found("mail maria.lopez84@example.com now")).toEqual([["email address", "maria.lopez84@example.com"]]);
    expect(found("see https://pics.example.net/12 and www.example.org")).toEqual([
      ["URL", "https://pics.example.net/12"],
      ["URL", "www.example.org"],
    ]);
    expect(found("call +44 113 496 0000 or (555) 123-4567")).toEqual([
      ["phone number", "+44 113 496 0000"],
      ["phone number", "(555) 123-4567"],
    ]);
    expect(found("thanks @maria_k!")).toEqual([["@handle", "@maria_k"]]);
    expect(found("I live at 42 Harbour Road, near the mill")).toEqual([["street address", "42 Harbour Road"]]);
  });

  it("leaves ordinary numbers, times and scores alone", () => {
    expect(found("I ran 20 km in 1:45 and scored 8 out of 10 in 2019.")).toEqual([]);
  });
});

describe("leaked names", () => {
  const posts = ['My sister says I sign everything "Maria Lopez" like a letter.', "Last weekend I ran in Leeds. Anyone else?"];

  it("collects person-like names from the posts, not sentence starters or weekdays", () => {
    expect(namesInPosts(posts)).toEqual(["Maria Lopez"]);
    expect(namesInPosts(["Last Monday I met Tomasz Nowak Jr at the club."])).toEqual(["Tomasz Nowak Jr"]);
    // groups and places are not people
    expect(namesInPosts(["Ran with the Zinar Striders past Riverside Park, then met Maria Lopez."])).toEqual(["Maria Lopez"]);
  });

  it("finds them in an artifact", () => {
    const text = "Maria Lopez is a runner. PersonA likes Leeds.";
    expect(findNames(text, namesInPosts(posts))).toEqual([{ name: "Maria Lopez", start: 0, end: 11 }]);
  });
});

describe("checkLength", () => {
  it("flags texts outside the kind's word bounds, per story for stories", () => {
    expect(checkLength("persona", { text: "Too short." })).toEqual([{ kind: "length", field: "text", message: "2 words: short for a persona (at least 10 expected)" }]);
    const long = Array.from({ length: 401 }, () => "word").join(" ");
    expect(
      checkLength("stories", {
        stories: [
          { summary: "s", content: "five words are enough here" },
          { summary: "t", content: long },
        ],
      }),
    ).toEqual([{ kind: "length", field: "stories.1.content", message: "401 words: long for a stories (at most 400 expected)" }]);
  });
});

describe("orderedTextFields", () => {
  it("puts a kind's fields in reading order whatever the stored key order", () => {
    const content = { answer: "a", extra: "x", question: "q", scenario: "s" };
    expect(orderedTextFields("social_qa", content).map((f) => f.field)).toEqual(["scenario", "question", "answer", "extra"]);
    expect(orderedTextFields("story", { story: "s", characters: { PersonA: "p" }, background: "b" }).map((f) => f.field)).toEqual(["background", "characters.PersonA", "story"]);
  });
});

describe("answerOverlap", () => {
  it("is the share of the answer's content words already in the scenario", () => {
    expect(answerOverlap("PersonA rests her knee after a race.", "She rests the sore knee.")).toBe(2 / 3); // rest, knee of rest, sore, knee
    expect(answerOverlap("PersonA posts about a race.", "Because the knee hurts.")).toBe(0);
    expect(answerOverlap("anything", "")).toBe(0);
  });
});

describe("highlightArtifact", () => {
  it("combines the checks with the field each finding is in", () => {
    const answer = "PersonA would talk it over with friends from the running group and rest the knee.";
    const content = { scenario: `Maria Lopez (maria@example.com) hurt a knee. ${answer}`, question: "What next?", answer };
    const kinds = highlightArtifact("social_qa", content, ["I am Maria Lopez and I run."]).map((h) => [h.kind, h.field]);
    expect(kinds).toEqual([
      ["pii", "scenario"],
      ["leaked_name", "scenario"],
      ["answer_leak", "scenario"],
    ]);
  });

  it("walks nested content", () => {
    expect(textFields({ characters: { PersonA: "a nurse" }, story: "x" })).toEqual([
      { field: "characters.PersonA", text: "a nurse" },
      { field: "story", text: "x" },
    ]);
  });
});

describe("flags", () => {
  const answer = "PersonA would talk it over with friends from the running group and rest the knee.";
  const content = { scenario: `Maria Lopez (maria@example.com) hurt a knee. ${answer}`, question: "What next?", answer };
  const posts = ["I am Maria Lopez and I run."];

  it("round-trips highlight kinds through the bit mask", () => {
    const flags = flagsOf(highlightArtifact("social_qa", content, posts));
    expect(flagKinds(flags)).toEqual(["pii", "leaked_name", "answer_leak"]);
    expect(flagKinds(0)).toEqual([]);
  });

  it("computes the content-only flags as the highlights would, on every artifact of a demo batch", () => {
    const records = [...generateDemoBatch({ users: 60, seed: "flags" })].filter((r) => r.type === "artifact") as unknown as { kind: ArtifactKind; content: Record<string, unknown> }[];
    let flagged = 0;
    for (const a of records) {
      const expected = flagsOf(highlightWithNames(a.kind, a.content, []));
      expect(contentFlags(a.kind, a.content)).toBe(expected);
      if (expected) flagged++;
    }
    expect(flagged).toBeGreaterThan(10); // the demo plants PII, long texts and give-aways
    expect(flagged).toBeLessThan(records.length);
  });

  it("gives at import the flags the review screen shows", () => {
    const contentOnly = flagsOf(highlightWithNames("social_qa", content, []));
    expect(flagKinds(contentOnly)).toEqual(["pii", "answer_leak"]);
    expect(importFlags(contentOnly, content, namesInPosts(posts))).toBe(flagsOf(highlightArtifact("social_qa", content, posts)));
    // a name that only occurs inside a longer word is no leak
    expect(importFlags(0, { text: "Maria Lopezian" }, ["Maria Lopez"])).toBe(0);
  });
});
