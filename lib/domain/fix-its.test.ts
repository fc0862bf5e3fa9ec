import { describe, expect, it } from "vitest";
import { freePlaceholder, leakedNames, redactPii, replaceLeakedName } from "./fix-its";
import { highlightWithNames } from "./highlights";

describe("fix-its", () => {
  it("picks the first placeholder the artifact does not use, in texts and keys", () => {
    expect(freePlaceholder({ text: "No one here." })).toBe("PersonA");
    expect(freePlaceholder({ characters: { PersonA: "a runner" }, story: "PersonB runs with PersonA." })).toBe("PersonC");
  });

  it("replaces a leaked name everywhere in the artifact, whole words only, and then the next one", () => {
    const content = { scenario: "PersonA meets Maria Lopez. Maria Lopez's dog barks.", answer: "Because Maria Lopez and Tom Hardy are friends; Maria Lopezz is not a name here." };
    const names = leakedNames(highlightWithNames("social_qa", content, ["Maria Lopez", "Tom Hardy"]), content);
    expect(names).toEqual(["Maria Lopez", "Tom Hardy"]);
    const first = replaceLeakedName(content, names)!;
    expect(first.content).toEqual({
      scenario: "PersonA meets PersonB. PersonB's dog barks.",
      answer: "Because PersonB and Tom Hardy are friends; Maria Lopezz is not a name here.",
    });
    expect(first.done).toBe('Replaced "Maria Lopez" with PersonB (3×)');
    const second = replaceLeakedName(first.content, names)!;
    expect(second.content.answer).toBe("Because PersonB and PersonC are friends; Maria Lopezz is not a name here.");
    expect(replaceLeakedName(second.content, names)).toBeNull();
  });

  it("redacts the first span of personal data in reading order, one press at a time", () => {
    const content = { answer: "Mail maria@example.com or call 555-123-4567.", scenario: "Nothing here." };
    const order = [
      { field: "scenario", text: content.scenario },
      { field: "answer", text: content.answer },
    ];
    const first = redactPii(content, order)!;
    expect(first.content.answer).toBe("Mail [email address] or call 555-123-4567.");
    expect(first.done).toBe('Redacted the email address "maria@example.com"');
    const second = redactPii(first.content)!;
    expect(second.content.answer).toBe("Mail [email address] or call [phone number].");
    expect(redactPii(second.content)).toBeNull();
  });
});
